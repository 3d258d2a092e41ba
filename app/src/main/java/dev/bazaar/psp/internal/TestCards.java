package dev.bazaar.psp.internal;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** What the sandbox decides for each test token (API.md), and how soon. Unknown tokens fail as {@code invalid_token}. */
public final class TestCards {

    private static final Duration QUICK = Duration.ofMillis(150);

    record Decision(boolean succeeds, @Nullable String failureCode, Duration after, boolean sentTwice) {
    }

    /** A test token and what the sandbox does with it, in words a shopper reads. */
    public record Described(String token, String outcome) {
    }

    /** The tokens {@link #decide} knows, for pages that offer them. */
    public static final List<Described> KNOWN = List.of(
            new Described("tok_visa", "approved"),
            new Described("tok_mastercard", "approved"),
            new Described("tok_declined", "declined (card_declined)"),
            new Described("tok_insufficient_funds", "declined (insufficient_funds)"),
            new Described("tok_slow", "approved after 3-5 seconds"),
            new Described("tok_duplicate_webhook", "approved, its webhook sent twice"));

    private TestCards() {
    }

    static Decision decide(String token) {
        return switch (token) {
            case "tok_visa", "tok_mastercard" -> new Decision(true, null, QUICK, false);
            case "tok_declined" -> new Decision(false, "card_declined", QUICK, false);
            case "tok_insufficient_funds" -> new Decision(false, "insufficient_funds", QUICK, false);
            case "tok_slow" -> new Decision(true, null, Duration.ofMillis(ThreadLocalRandom.current().nextLong(3000, 5000)), false);
            case "tok_duplicate_webhook" -> new Decision(true, null, QUICK, true);
            default -> new Decision(false, "invalid_token", QUICK, false);
        };
    }
}
