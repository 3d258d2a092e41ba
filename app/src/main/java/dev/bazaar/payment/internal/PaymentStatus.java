package dev.bazaar.payment.internal;

import dev.bazaar.payment.spi.PaymentGateway.Authorization;

/**
 * Where one payment attempt is. The transition table below is the whole state machine: {@link Payment} refuses any
 * other move, and every statement that changes a status names the status it moves from, so that the database refuses
 * a move a concurrent one has overtaken.
 */
public enum PaymentStatus {
    /** Waiting for the provider's decision (its intent may not be created yet). */
    PENDING,
    /** The provider authorised the amount; captures and refunds are rows of their own. */
    AUTHORIZED,
    /** The provider declined. Final: a retry is a new attempt. */
    FAILED,
    /** The authorisation was cancelled, or never asked for because a void came first. Final. */
    VOIDED;

    public boolean canTransitionTo(PaymentStatus next) {
        return switch (this) {
            case PENDING -> next == AUTHORIZED || next == FAILED || next == VOIDED;
            case AUTHORIZED -> next == VOIDED;
            case FAILED, VOIDED -> false;
        };
    }

    public boolean isFinal() {
        return this == FAILED || this == VOIDED;
    }

    /**
     * What a {@link #PENDING} payment becomes by the provider's decision: an authorisation asked to be voided
     * meanwhile is voided, not kept.
     */
    public static PaymentStatus decidedBy(Authorization decision, boolean voidRequested) {
        if (!decision.authorized()) {
            return FAILED;
        }
        return voidRequested ? VOIDED : AUTHORIZED;
    }
}
