package dev.bazaar.order;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;

import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** Every shipment of the order has arrived. */
@Externalized("bazaar.orders::#{orderId()}")
public record OrderDelivered(OrderId orderId, UserId customerId, int sequence, Instant at) implements OrderEvent {

    @Override
    public OrderStatus status() {
        return OrderStatus.DELIVERED;
    }
}
