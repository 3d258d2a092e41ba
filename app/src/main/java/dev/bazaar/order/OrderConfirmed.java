package dev.bazaar.order;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;

import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** The payment was authorised and the stock allocated; the order waits to be shipped. */
@Externalized("bazaar.orders::#{orderId()}")
public record OrderConfirmed(OrderId orderId, UserId customerId, int sequence, Instant at) implements OrderEvent {

    @Override
    public OrderStatus status() {
        return OrderStatus.CONFIRMED;
    }
}
