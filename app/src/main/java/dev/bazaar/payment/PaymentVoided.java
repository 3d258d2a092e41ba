package dev.bazaar.payment;

import dev.bazaar.shared.ids.OrderId;
import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** An authorisation was cancelled: the customer will not be charged. */
@Externalized("bazaar.payments::#{orderId()}")
public record PaymentVoided(OrderId orderId, Instant at) {
}
