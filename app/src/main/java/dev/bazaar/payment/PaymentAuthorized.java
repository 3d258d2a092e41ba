package dev.bazaar.payment;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.PaymentId;
import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/**
 * The order's total was authorised by the provider (once per payment, however often the provider says so).
 * {@code attemptKey} is the key the order gave {@link Payments#authorize} for this attempt.
 */
@Externalized("bazaar.payments::#{orderId()}")
public record PaymentAuthorized(OrderId orderId, PaymentId paymentId, String attemptKey, Money amount, Instant at) {
}
