package dev.bazaar.inventory.internal;

import dev.bazaar.inventory.StockLevelView;
import dev.bazaar.shared.ids.Sku;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Read access to stock levels and the ledger, for the module's facades and controller. */
@Component
public class InventoryReadModel {

    private final StockLevels levels;
    private final Ledger ledger;

    InventoryReadModel(StockLevels levels, Ledger ledger) {
        this.levels = levels;
        this.ledger = ledger;
    }

    public Optional<StockLevelView> find(Sku sku) {
        return levels.find(sku);
    }

    public List<StockLevelView> findAll(Collection<Sku> skus) {
        return levels.findAll(skus);
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
    }
}
