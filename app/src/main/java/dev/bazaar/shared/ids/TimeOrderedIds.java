package dev.bazaar.shared.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDv7 (RFC 9562): a millisecond timestamp followed by random bits. New rows land at the right edge of their
 * primary-key index instead of on random pages, which keeps inserts cheap and avoids full-page WAL writes.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    public static UUID next() {
        long millis = System.currentTimeMillis();
        long randomHigh = RANDOM.nextLong();
        long mostSignificant = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
        long leastSignificant = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    /** Parses an id from a path; anything that is not a UUID names nothing. */
    public static java.util.Optional<UUID> parse(String text) {
        try {
            return text.length() == 36 ? java.util.Optional.of(UUID.fromString(text)) : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
