package dev.bazaar.psp.internal;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A payment intent as the sandbox keeps it. Its outcome is fixed at creation but only visible from
 * {@code decidedAt} on; before that it is {@code processing}. Amounts are in minor units.
 */
public record Intent(String id, String orderId, long amount, String currency, String outcome,
                     @Nullable String failureCode, String status, long captured, long refunded, Instant createdAt,
                     Instant decidedAt) {

    /** The status a caller sees at {@code now}. */
    public String statusAt(Instant now) {
        return now.isBefore(decidedAt) && "created".equals(status) ? "processing"
                : "created".equals(status) ? outcome : status;
    }

    boolean authorisedAt(Instant now) {
        return "succeeded".equals(statusAt(now));
    }
}
