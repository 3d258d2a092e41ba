package dev.bazaar.inventory;

import dev.bazaar.inventory.internal.InventoryReadModel;
import dev.bazaar.shared.ids.Sku;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads stock for other modules: what can be bought now. */
@Service
public class InventoryQueries {

    private final InventoryReadModel levels;

    InventoryQueries(InventoryReadModel levels) {
        this.levels = levels;
    }

    /** Available units per SKU; SKUs that are not tracked are absent. */
    public Map<Sku, Integer> available(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        return levels.findAll(skus).stream().collect(Collectors.toMap(StockLevelView::sku, StockLevelView::available));
    }

    public Optional<StockLevelView> level(Sku sku) {
        return levels.find(sku);
    }
}
