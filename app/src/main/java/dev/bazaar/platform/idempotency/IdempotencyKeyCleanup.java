package dev.bazaar.platform.idempotency;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Forgets idempotency keys once they are older than the retention (48 h; the contract promises at least 24 h). */
@Component
class IdempotencyKeyCleanup {

    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final Duration retention;

    IdempotencyKeyCleanup(JdbcClient jdbc, @Value("${bazaar.idempotency.retention:48h}") Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /**
     * Safe on several instances at once: each deletes what is old, a row only once. In batches, so that a backlog
     * (a shop that was down, a shorter retention) stays within the statement timeout (bazaar.db.statement-timeout);
     * rows another instance is deleting are skipped, not waited for.
     */
    @Scheduled(fixedDelayString = "${bazaar.idempotency.cleanup-interval:10m}", initialDelayString = "1m")
    void forgetOldKeys() {
        int deleted;
        do {
            deleted = jdbc.sql("""
                            delete from platform.idempotency_keys where (caller, key) in (
                                select caller, key from platform.idempotency_keys
                                where started_at < now() - make_interval(secs => :seconds)
                                limit :batch for update skip locked)""")
                    .param("seconds", retention.toSeconds())
                    .param("batch", BATCH)
                    .update();
        } while (deleted == BATCH);
    }
}
