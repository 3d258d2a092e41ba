package dev.bazaar.payment;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.RefundId;

import java.time.Instant;

/** A refund of (part of) what was captured; {@link RefundStatus#PENDING} until the provider confirmed it. */
public record RefundView(RefundId id, OrderId orderId, Money amount, String reason, RefundStatus status, Instant createdAt) {
}
