package dev.bazaar.inventory;

import dev.bazaar.inventory.internal.InventoryReadModel;
import dev.bazaar.shared.ids.Sku;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Reads stock for other modules: what can be bought now. */
@Service
public class InventoryQueries {

    private final InventoryReadModel levels;

    InventoryQueries(InventoryReadModel levels) {
        this.levels = levels;
    }

    /**
     * Available units per SKU, to show: this instance's own changes show at once, another instance's within
     * {@code bazaar.inventory.available-ttl}. SKUs that are not tracked are absent. (Checkout does not ask: it reserves.)
     */
    public Map<Sku, Integer> available(Collection<Sku> skus) {
        return skus.isEmpty() ? Map.of() : levels.shownAvailable(skus);
    }

    public Optional<StockLevelView> level(Sku sku) {
        return levels.find(sku);
    }
}
