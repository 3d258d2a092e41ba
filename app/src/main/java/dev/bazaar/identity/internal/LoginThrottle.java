package dev.bazaar.identity.internal;

import dev.bazaar.shared.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows password guessing: after {@code max} failed sign-ins for one e-mail within a sliding window, further
 * attempts are refused with 429 until the oldest failure leaves the window. Kept in the database, so every
 * instance counts the same failures.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int max;
    private final Duration window;

    LoginThrottle(JdbcClient jdbc, Clock clock,
                  @Value("${bazaar.login-throttle.max-failures:5}") int max,
                  @Value("${bazaar.login-throttle.window:1m}") Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.max = max;
        this.window = window;
    }

    void checkAllowed(String email) {
        Instant since = clock.instant().minus(window);
        var failures = jdbc.sql("""
                        select count(*) as n, min(at) as oldest from identity.failed_logins
                        where email = :email and at > :since""")
                .param("email", email).param("since", Timestamp.from(since))
                .query((rs, row) -> new Object[]{rs.getInt("n"), rs.getTimestamp("oldest")}).single();
        if ((int) failures[0] >= max) {
            Instant freeAt = ((Timestamp) failures[1]).toInstant().plus(window);
            long seconds = Math.max(1, Duration.between(clock.instant(), freeAt).toSeconds() + 1);
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts", "Too many attempts",
                    "Too many failed sign-ins for this e-mail; try again in " + seconds + " seconds.")
                    .withHeader("Retry-After", String.valueOf(seconds));
        }
    }

    void recordFailure(String email) {
        jdbc.sql("delete from identity.failed_logins where email = :email and at <= :expired")
                .param("email", email).param("expired", Timestamp.from(clock.instant().minus(window))).update();
        jdbc.sql("insert into identity.failed_logins (email, at) values (:email, :at)")
                .param("email", email).param("at", Timestamp.from(clock.instant())).update();
    }

    void reset(String email) {
        jdbc.sql("delete from identity.failed_logins where email = :email").param("email", email).update();
    }
}
