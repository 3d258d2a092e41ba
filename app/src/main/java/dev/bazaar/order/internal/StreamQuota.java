package dev.bazaar.order.internal;

import dev.bazaar.shared.ids.UserId;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.http.HttpStatus;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the live order streams held open: each one is a socket and a place in every poll of the timeline, and
 * nothing else stops one client from opening thousands. A user may hold {@code perUser} at once (a customer with
 * an order page open in a few tabs is far below it), the instance {@code total}. Past either the request is refused
 * with a problem and {@code Retry-After}, and what is already open is not disturbed.
 */
final class StreamQuota {

    private final int perUser;
    private final int total;
    private final Map<UUID, Integer> heldByUser = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();

    StreamQuota(int perUser, int total) {
        this.perUser = perUser;
        this.total = total;
    }

    /** Takes a place for the user's new stream, or throws 429 (the user's share) or 503 (the instance's). */
    void claim(UserId user) {
        if (held.incrementAndGet() > total) {
            held.decrementAndGet();
            throw refused(HttpStatus.SERVICE_UNAVAILABLE, "too-many-open-streams", "Too many open streams",
                    "This instance holds as many live order streams as it may; try again in a moment.");
        }
        boolean[] granted = {false};
        heldByUser.compute(user.value(), (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perUser) {
                return count;
            }
            granted[0] = true;
            return now + 1;
        });
        if (!granted[0]) {
            held.decrementAndGet();
            throw refused(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many open streams",
                    "You already hold " + perUser + " live order streams; close one before opening another.");
        }
    }

    /** Gives back the place of a stream that ended. */
    void release(UserId user) {
        held.decrementAndGet();
        heldByUser.computeIfPresent(user.value(), (id, count) -> count <= 1 ? null : count - 1);
    }

    int held() {
        return held.get();
    }

    private static ProblemException refused(HttpStatus status, String slug, String title, String detail) {
        return new ProblemException(status, slug, title, detail).withHeader("Retry-After", "15");
    }
}
