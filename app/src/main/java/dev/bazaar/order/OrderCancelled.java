package dev.bazaar.order;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;

import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** The order was cancelled before anything shipped ({@code reason}: by the customer, an admin, or expiry). */
@Externalized("bazaar.orders::#{orderId()}")
public record OrderCancelled(OrderId orderId, UserId customerId, String reason, int sequence, Instant at)
        implements OrderEvent {

    @Override
    public OrderStatus status() {
        return OrderStatus.CANCELLED;
    }
}
