package dev.bazaar.payment;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** Part or all of the authorisation was captured for a shipment ({@code reference}). */
@Externalized("bazaar.payments::#{orderId()}")
public record PaymentCaptured(OrderId orderId, Money amount, String reference, Instant at) {
}
