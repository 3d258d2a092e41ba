package dev.bazaar.payment.internal;

import dev.bazaar.shared.Money;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to pay for an order: {@link PaymentStatus#PENDING} until the provider decides, then
 * {@link PaymentStatus#AUTHORIZED} or {@link PaymentStatus#FAILED}; an authorisation may be
 * {@link PaymentStatus#VOIDED}. Captures and refunds are rows of their own. Its methods decide every move by the
 * transition table, and {@link PaymentRecords} writes a move only from the status it was decided from, so that a
 * move overtaken by a concurrent one changes nothing. The provider's decision is the one move made in SQL alone (one
 * statement, no read first): {@link PaymentStatus#decidedBy} names its outcomes, and the statement picks one.
 */
public record Payment(UUID id, UUID orderId, String attemptKey, PaymentStatus status, Money amount, String token,
                      @Nullable String intentId, @Nullable String failureCode, boolean voidRequested, Instant createdAt) {

    /** A new attempt, waiting for the provider. */
    public static Payment begin(UUID id, UUID orderId, String attemptKey, Money amount, String token, Instant now) {
        return new Payment(id, orderId, attemptKey, PaymentStatus.PENDING, amount, token, null, null, false, now);
    }

    /** The provider has not decided it yet (a decision that arrives now is taken). */
    public boolean awaitsDecision() {
        return status == PaymentStatus.PENDING;
    }

    /** Pending and not yet sent to the provider: the intent is still to be created. */
    public boolean awaitsIntent() {
        return awaitsDecision() && intentId == null;
    }

    /** Only an authorisation can be captured. */
    public boolean capturable() {
        return status == PaymentStatus.AUTHORIZED;
    }

    /** What cancelling the order does to this attempt. */
    public enum VoidStep {
        /** Authorised: it becomes {@code VOIDED} now and the provider is told to cancel the authorisation. */
        VOID_NOW,
        /** Not decided yet: the void is noted, and the decision voids it instead of authorising it. */
        VOID_WHEN_DECIDED,
        /** Failed or voided already: nothing to give back. */
        NOTHING_TO_VOID
    }

    public VoidStep voidStep() {
        return switch (status) {
            case AUTHORIZED -> VoidStep.VOID_NOW;
            case PENDING -> VoidStep.VOID_WHEN_DECIDED;
            case FAILED, VOIDED -> VoidStep.NOTHING_TO_VOID;
        };
    }

    /** This payment voided: an authorisation cancelled, or a pending one whose void came before its intent. */
    public Payment voided() {
        return movedTo(PaymentStatus.VOIDED, null);
    }

    private Payment movedTo(PaymentStatus next, @Nullable String nextFailureCode) {
        if (!status.canTransitionTo(next)) {
            throw new IllegalPaymentTransition(id, status, next);
        }
        return new Payment(id, orderId, attemptKey, next, amount, token, intentId, nextFailureCode, voidRequested, createdAt);
    }

    /** A move the transition table refuses: a bug in the caller, since every caller asks the payment first. */
    public static class IllegalPaymentTransition extends IllegalStateException {
        IllegalPaymentTransition(UUID payment, PaymentStatus from, PaymentStatus to) {
            super("payment " + payment + " that is " + from + " cannot become " + to);
        }
    }
}
