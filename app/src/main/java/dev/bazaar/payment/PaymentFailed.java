package dev.bazaar.payment;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.PaymentId;
import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/**
 * The provider declined the payment; {@code code} is its reason (e.g. {@code card_declined}). {@code attemptKey} is the
 * key the order gave {@link Payments#authorize} for this attempt.
 */
@Externalized("bazaar.payments::#{orderId()}")
public record PaymentFailed(OrderId orderId, PaymentId paymentId, String attemptKey, String code, String message, Instant at) {
}
