package dev.bazaar.order;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;

import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** The customer retried a failed payment; the order waits for payment again (no notification: they just acted). */
@Externalized("bazaar.orders::#{orderId()}")
public record OrderPaymentRetried(OrderId orderId, UserId customerId, int sequence, Instant at) implements OrderEvent {

    @Override
    public OrderStatus status() {
        return OrderStatus.PENDING_PAYMENT;
    }
}
