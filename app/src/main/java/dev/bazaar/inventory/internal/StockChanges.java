package dev.bazaar.inventory.internal;

import dev.bazaar.inventory.StockLevelView;
import dev.bazaar.inventory.StockLow;
import dev.bazaar.inventory.internal.StockLevels.Delta;
import dev.bazaar.shared.ids.Sku;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a change to a stock row, in the caller's transaction: announces a crossing into low stock, and has browsing
 * show the new figure once it commits.
 */
@Component
public class StockChanges {

    private final StockLevels levels;
    private final ShownAvailability shown;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StockChanges(StockLevels levels, ShownAvailability shown, ApplicationEventPublisher events, Clock clock) {
        this.levels = levels;
        this.shown = shown;
        this.events = events;
        this.clock = clock;
    }

    /** Empty when the change would break the row's invariants (or the SKU is not tracked); nothing changed then. */
    public Optional<StockLevelView> apply(Sku sku, int onHand, int reserved, int allocated) {
        return Optional.ofNullable(applyAll(List.of(new Delta(sku, onHand, reserved, allocated))).get(sku));
    }

    /**
     * Applies several SKUs' changes in one round trip (per eight), locking the rows in SKU order. Answers the levels
     * that changed; a SKU missing from the answer would have broken its row's invariants and is left as it was.
     */
    public Map<Sku, StockLevelView> applyAll(List<Delta> deltas) {
        var levelsAfter = new LinkedHashMap<Sku, StockLevelView>();
        levels.changeAll(deltas).forEach((sku, changed) -> {
            shown.changed(sku);
            var level = changed.level();
            if (changed.crossedLow()) {
                events.publishEvent(new StockLow(sku, level.available(), level.lowStockThreshold(), clock.instant()));
            }
            levelsAfter.put(sku, level);
        });
        return levelsAfter;
    }

    /** {@link #applyAll} for changes the invariants already guarantee: a SKU that cannot take its change is a bug. */
    public void applyAllExpected(List<Delta> deltas) {
        var applied = applyAll(deltas);
        deltas.stream().filter(delta -> !applied.containsKey(delta.sku())).findFirst().ifPresent(delta -> {
            throw new IllegalStateException("stock of " + delta.sku() + " cannot take onHand%+d reserved%+d allocated%+d"
                    .formatted(delta.onHand(), delta.reserved(), delta.allocated()));
        });
    }

    /** For changes the invariants already guarantee (allocating what is reserved, say): failing is a bug. */
    public void applyExpected(Sku sku, int onHand, int reserved, int allocated) {
        applyAllExpected(List.of(new Delta(sku, onHand, reserved, allocated)));
    }
}
