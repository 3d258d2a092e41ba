package dev.bazaar.inventory.internal;

import dev.bazaar.inventory.StockLevelView;
import dev.bazaar.shared.ids.Sku;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read access to stock levels and the ledger, for the module's facades and controller. */
@Component
public class InventoryReadModel {

    private final StockLevels levels;
    private final Ledger ledger;
    private final ShownAvailability shown;

    InventoryReadModel(StockLevels levels, Ledger ledger, ShownAvailability shown) {
        this.levels = levels;
        this.ledger = ledger;
        this.shown = shown;
    }

    public Optional<StockLevelView> find(Sku sku) {
        return levels.find(sku);
    }

    public List<StockLevelView> findAll(Collection<Sku> skus) {
        return levels.findAll(skus);
    }

    /** Available units per SKU as browsing shows them (see {@link ShownAvailability}); untracked SKUs are absent. */
    public Map<Sku, Integer> shownAvailable(Collection<Sku> skus) {
        return shown.available(skus);
    }

    public List<StockLevelView> page(boolean lowOnly, int limit, long offset) {
        return levels.page(lowOnly, limit, offset);
    }

    public long count(boolean lowOnly) {
        return levels.count(lowOnly);
    }

    public List<Ledger.Movement> movements(Sku sku, int limit, long offset) {
        return ledger.page(sku, limit, offset);
    }

    public long movementCount(Sku sku) {
        return ledger.count(sku);
    }

    public Optional<StockLevelView> setThreshold(Sku sku, int threshold) {
        return levels.setThreshold(sku, threshold);
    }

    public void track(Collection<Sku> skus, int threshold) {
        levels.track(skus, threshold);
        skus.forEach(shown::changed);
    }
}
