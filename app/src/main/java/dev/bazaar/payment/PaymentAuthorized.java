package dev.bazaar.payment;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.PaymentId;
import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** The order's total was authorised by the provider (once per payment, however often the provider says so). */
@Externalized("bazaar.payments::#{orderId()}")
public record PaymentAuthorized(OrderId orderId, PaymentId paymentId, Money amount, Instant at) {
}
