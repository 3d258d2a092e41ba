package dev.bazaar.payment;

import dev.bazaar.shared.Money;

import java.time.Instant;

/** A refund of (part of) what was captured; {@link RefundStatus#PENDING} until the provider confirmed it. */
public record RefundView(String id, String orderId, Money amount, String reason, RefundStatus status, Instant createdAt) {
}
