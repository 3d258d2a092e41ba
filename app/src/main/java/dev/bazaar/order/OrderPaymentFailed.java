package dev.bazaar.order;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;

import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** The payment was declined; {@code reason} says why (e.g. {@code card_declined}). The customer may retry. */
@Externalized("bazaar.orders::#{orderId()}")
public record OrderPaymentFailed(OrderId orderId, UserId customerId, String reason, Instant retryUntil, int sequence,
                                 Instant at) implements OrderEvent {

    @Override
    public OrderStatus status() {
        return OrderStatus.PAYMENT_FAILED;
    }
}
