package dev.bazaar.order;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;

import java.time.Instant;

/** The payment was declined; {@code reason} says why (e.g. {@code card_declined}). The customer may retry. */
public record OrderPaymentFailed(OrderId orderId, UserId customerId, String reason, Instant retryUntil, int sequence,
                                 Instant at) implements OrderEvent {

    @Override
    public OrderStatus status() {
        return OrderStatus.PAYMENT_FAILED;
    }
}
