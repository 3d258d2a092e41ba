package dev.bazaar.inventory.internal;

import dev.bazaar.inventory.StockLevelView;
import dev.bazaar.inventory.StockLow;
import dev.bazaar.inventory.internal.StockLevels.Delta;
import dev.bazaar.shared.ids.Sku;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.HashMap;
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
     * Changes several SKUs' rows in one statement (see {@link StockLevels#changeAll}); answers the levels after the
     * change of the rows it could change, by SKU. A SKU missing from the answer was left as it was.
     */
    public Map<Sku, StockLevelView> applyAll(List<Delta> deltas) {
        var levels = new HashMap<Sku, StockLevelView>();
        for (var changed : this.levels.changeAll(deltas)) {
            var level = changed.level();
            shown.changed(level.sku());
            if (changed.crossedLow()) {
                events.publishEvent(new StockLow(level.sku(), level.available(), level.lowStockThreshold(), clock.instant()));
            }
            levels.put(level.sku(), level);
        }
        return levels;
    }

    /** For changes the invariants already guarantee (allocating what is reserved, say): failing is a bug. */
    public void applyExpected(List<Delta> deltas) {
        var changed = applyAll(deltas);
        deltas.stream().filter(delta -> !changed.containsKey(delta.sku())).findFirst().ifPresent(delta -> {
            throw new IllegalStateException("stock of " + delta.sku() + " cannot take onHand%+d reserved%+d allocated%+d"
                    .formatted(delta.onHand(), delta.reserved(), delta.allocated()));
        });
    }
}
