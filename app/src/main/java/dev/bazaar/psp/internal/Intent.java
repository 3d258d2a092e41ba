package dev.bazaar.psp.internal;

import dev.bazaar.shared.web.ProblemException;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

import static dev.bazaar.psp.internal.IntentStatus.CANCELED;
import static dev.bazaar.psp.internal.IntentStatus.CAPTURED;
import static dev.bazaar.psp.internal.IntentStatus.FAILED;
import static dev.bazaar.psp.internal.IntentStatus.PROCESSING;
import static dev.bazaar.psp.internal.IntentStatus.SUCCEEDED;

/**
 * A payment intent as the sandbox keeps it. Its outcome ({@code SUCCEEDED} or {@code FAILED}) is fixed at creation
 * but only visible from {@code decidedAt} on; before that it is {@code PROCESSING}. {@code status} is what requests
 * made of it: {@code PROCESSING} until a capture or cancel moves it. Amounts are in minor units. The methods named
 * for requests check them against {@link IntentStatus}'s table and the amounts, and answer the status to store.
 */
public record Intent(String id, String orderId, long amount, String currency, IntentStatus outcome,
                     @Nullable String failureCode, IntentStatus status, long captured, long refunded, Instant createdAt,
                     Instant decidedAt) {

    /** The status a caller sees at {@code now}. */
    public IntentStatus statusAt(Instant now) {
        if (status != PROCESSING) {
            return status;
        }
        return now.isBefore(decidedAt) ? PROCESSING : outcome;
    }

    /** Captures {@code more}: allowed once it is authorised, and while the captures stay within the amount. */
    IntentStatus capture(long more, Instant now) {
        var shown = statusAt(now);
        if (!shown.canTransitionTo(CAPTURED)) {
            throw conflict("An intent that is " + shown.wireName() + " cannot be captured.");
        }
        if (captured + more > amount) {
            throw conflict("Captures would exceed the authorised amount.");
        }
        return CAPTURED;
    }

    /** Voids it: anything not captured may be cancelled; a cancelled one stays as it is. */
    IntentStatus cancel(Instant now) {
        var shown = statusAt(now);
        if (shown != CANCELED && !shown.canTransitionTo(CANCELED)) {
            throw conflict("A captured intent cannot be cancelled; refund it.");
        }
        return CANCELED;
    }

    /** Refunds {@code more} of what was captured; the status stays. */
    void refund(long more) {
        if (refunded + more > captured) {
            throw conflict("Refunds would exceed what was captured.");
        }
    }

    /** The failure a caller sees at {@code now}: only a failed intent has one. */
    public @Nullable String failureCodeAt(Instant now) {
        return statusAt(now) == FAILED ? failureCode : null;
    }

    static IntentStatus outcome(boolean succeeds) {
        return succeeds ? SUCCEEDED : FAILED;
    }

    private static ProblemException conflict(String detail) {
        return ProblemException.conflict("intent-state", "Not possible for this intent", detail);
    }
}
