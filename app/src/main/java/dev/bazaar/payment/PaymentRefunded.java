package dev.bazaar.payment;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** Money went back to the customer. */
@Externalized("bazaar.payments::#{orderId()}")
public record PaymentRefunded(OrderId orderId, Money amount, String reason, Instant at) {
}
