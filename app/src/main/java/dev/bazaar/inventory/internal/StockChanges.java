package dev.bazaar.inventory.internal;

import dev.bazaar.inventory.StockLevelView;
import dev.bazaar.inventory.StockLow;
import dev.bazaar.shared.ids.Sku;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Clock;
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
        return levels.change(sku, onHand, reserved, allocated).map(changed -> {
            shown.changed(sku);
            if (changed.crossedLow()) {
                var level = changed.level();
                events.publishEvent(new StockLow(sku, level.available(), level.lowStockThreshold(), clock.instant()));
            }
            return changed.level();
        });
    }

    /** For changes the invariants already guarantee (allocating what is reserved, say): failing is a bug. */
    public StockLevelView applyExpected(Sku sku, int onHand, int reserved, int allocated) {
        return apply(sku, onHand, reserved, allocated).orElseThrow(() -> new IllegalStateException(
                "stock of " + sku + " cannot take onHand%+d reserved%+d allocated%+d".formatted(onHand, reserved, allocated)));
    }
}
