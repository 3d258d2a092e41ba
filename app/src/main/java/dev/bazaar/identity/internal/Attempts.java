package dev.bazaar.identity.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts attempts per key in fixed windows, in the database so that every instance counts the same. Counting is one
 * upsert that only adds while the window holds fewer than the limit: concurrent attempts, on one instance or many, can
 * never be let through beyond it (the row's lock orders them). A window starts with its first attempt and ends a
 * {@code window} later; so a patient caller gets at most twice the limit across a window's end, which is all a
 * throttle needs.
 */
@Component
class Attempts {

    private final JdbcClient jdbc;
    private final Clock clock;

    Attempts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts one attempt unless {@code max} were counted in the key's current window already.
     *
     * @return empty when counted, else how long until the window ends (at least a second)
     */
    Optional<Duration> count(String key, int max, Duration window) {
        Instant now = clock.instant();
        boolean counted = jdbc.sql("""
                        insert into identity.attempts (key, count, expires_at) values (:key, 1, :expiresAt)
                        on conflict (key) do update
                            set count = case when attempts.expires_at <= :now then 1 else attempts.count + 1 end,
                                expires_at = case when attempts.expires_at <= :now then excluded.expires_at
                                                  else attempts.expires_at end
                            where attempts.expires_at <= :now or attempts.count < :max
                        returning count""")
                .param("key", key).param("max", max)
                .param("now", Timestamp.from(now)).param("expiresAt", Timestamp.from(now.plus(window)))
                .query(Integer.class).optional().isPresent();
        if (counted) {
            return Optional.empty();
        }
        Instant endsAt = jdbc.sql("select expires_at from identity.attempts where key = :key").param("key", key)
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(now);
        long millis = Duration.between(now, endsAt).toMillis();
        return Optional.of(Duration.ofSeconds(Math.max(1, (millis + 999) / 1000)));
    }

    /** Takes one counted attempt back (an attempt that turned out to be no abuse, such as a correct password). */
    void forgive(String key) {
        jdbc.sql("update identity.attempts set count = count - 1 where key = :key and count > 0 and expires_at > :now")
                .param("key", key).param("now", Timestamp.from(clock.instant())).update();
    }

    void clear(String key) {
        jdbc.sql("delete from identity.attempts where key = :key").param("key", key).update();
    }

    /** Windows that ended count nothing any more; every instance may delete them, whichever comes first. */
    @Scheduled(fixedDelayString = "1m", initialDelayString = "1m")
    void forgetEnded() {
        jdbc.sql("delete from identity.attempts where expires_at <= :now")
                .param("now", Timestamp.from(clock.instant())).update();
    }
}
