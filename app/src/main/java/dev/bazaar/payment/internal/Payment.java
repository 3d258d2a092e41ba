package dev.bazaar.payment.internal;

import dev.bazaar.shared.Money;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to pay for an order. {@code PENDING} until the provider decides, then {@code AUTHORIZED} or
 * {@code FAILED}; an authorisation may be {@code VOIDED}. Captures and refunds are rows of their own.
 */
public record Payment(UUID id, UUID orderId, String attemptKey, String status, Money amount, String token,
                      @Nullable String intentId, @Nullable String failureCode, boolean voidRequested, Instant createdAt) {
}
