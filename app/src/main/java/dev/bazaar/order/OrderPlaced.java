package dev.bazaar.order;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;

import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** An order was placed and its stock reserved; it waits for payment. */
@Externalized("bazaar.orders::#{orderId()}")
public record OrderPlaced(OrderId orderId, UserId customerId, String number, Money total, int sequence, Instant at)
        implements OrderEvent {

    @Override
    public OrderStatus status() {
        return OrderStatus.PENDING_PAYMENT;
    }
}
