package dev.bazaar.psp.internal;

import java.util.Locale;

/**
 * Where a sandbox payment intent is, as its API and webhooks name it ({@link #wireName()}). The transition table below
 * is the whole state machine. Two moves are the sandbox's own and happen by time: a {@code processing} intent shows its
 * outcome, fixed at creation, from its decision time on. The others are requests (capture, cancel), which
 * {@link Intent} refuses unless the table allows them from the status the intent shows at that moment.
 */
public enum IntentStatus {
    /** Created; the outcome is not visible yet. Also what {@code psp.intents.status} stores until a request moves it. */
    PROCESSING,
    /** Authorised: it may be captured (in parts) or cancelled. */
    SUCCEEDED,
    /** Declined ({@code failureCode} says why). Only a cancel moves it. */
    FAILED,
    /** Some or all of the amount is captured; further captures up to the amount stay here, refunds do not move it. */
    CAPTURED,
    /** Voided before any capture. Final: a further cancel answers it as it is. */
    CANCELED;

    public boolean canTransitionTo(IntentStatus next) {
        return switch (this) {
            case PROCESSING -> next == SUCCEEDED || next == FAILED || next == CANCELED;
            case SUCCEEDED -> next == CAPTURED || next == CANCELED;
            case FAILED -> next == CANCELED;
            case CAPTURED -> next == CAPTURED;
            case CANCELED -> false;
        };
    }

    /** Nothing can happen to the intent any more (refunds change amounts, not the status). */
    public boolean isFinal() {
        return this == CANCELED;
    }

    /** How the PSP's API, its webhooks and {@code psp.intents} spell it: {@code succeeded}, {@code canceled}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static IntentStatus ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
