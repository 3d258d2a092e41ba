package dev.bazaar.order.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.order.OrderSummary;
import dev.bazaar.shared.ids.OrderId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Order summaries, remembered: number, customer, items and total are fixed when an order is placed, so a summary
 * read once (or written at placement) stays true on every instance. The notifier asks for one per change of every
 * order; each ask was a query of the order with its lines and timeline.
 */
@Component
class OrderSummaries {

    private final Cache<OrderId, OrderSummary> known = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterAccess(Duration.ofMinutes(30))
            .build();

    Optional<OrderSummary> find(OrderId id, Function<OrderId, Optional<OrderSummary>> read) {
        var summary = known.getIfPresent(id);
        if (summary != null) {
            return Optional.of(summary);
        }
        var fresh = read.apply(id);
        fresh.ifPresent(s -> known.put(id, s));
        return fresh;
    }

    /** Remembers a just-placed order's summary once its placement has committed (a rolled-back order has none). */
    void rememberOnCommit(Order order) {
        var summary = OrderViews.summary(order);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                known.put(order.id(), summary);
            }

            @Override
            public int getOrder() {
                // before the synchronisations that hand the placement's event to the listeners asking for it
                return HIGHEST_PRECEDENCE;
            }
        });
    }
}
