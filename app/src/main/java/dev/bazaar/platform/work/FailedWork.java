package dev.bazaar.platform.work;

import dev.bazaar.shared.ids.TimeOrderedIds;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientResponseException;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one retry policy of background work that fails (an outbox publication whose listener throws, an order whose
 * expiry fails, a refund the provider refuses): each failure is counted against its work, which is then left alone for
 * a back-off that doubles with every attempt ({@code bazaar.retries.first-backoff} up to
 * {@code bazaar.retries.max-backoff}); after {@code bazaar.retries.max-attempts} it is parked (at once, by
 * {@link #park}, when trying again by itself cannot help): no job tries it again until an admin asks for one more try
 * ({@code POST /api/admin/parked/{id}/retry}, {@code ParkedWorkController}). Parked work is counted per kind in
 * the gauge {@code bazaar_parked_work}. Work that succeeds is forgotten. Only failures write here: work that succeeds
 * the first time costs nothing.
 */
@Component
public class FailedWork {

    private static final Logger log = LoggerFactory.getLogger(FailedWork.class);
    private static final String GAUGE = "bazaar.parked.work";
    private static final int MAX_REASON = 200;

    /** How one failure left its work: tried this often, and whether it is now parked. */
    public record Failure(int attempts, boolean parked) {
    }

    /** A parked piece of work, as the admin list shows it. */
    public record Parked(UUID id, String kind, @Nullable String reference, int attempts, String lastError, Instant since) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final MeterRegistry meters;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Map<String, AtomicLong> parkedPerKind = new ConcurrentHashMap<>();

    FailedWork(JdbcClient jdbc, PlatformTransactionManager transactions, MeterRegistry meters,
               @Value("${bazaar.retries.max-attempts:10}") int maxAttempts,
               @Value("${bazaar.retries.first-backoff:30s}") Duration firstBackoff,
               @Value("${bazaar.retries.max-backoff:1h}") Duration maxBackoff) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.meters = meters;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        gauge("outbox");
    }

    /**
     * Counts a failure of the work {@code key} of this kind, in a transaction of its own (the work's own has usually
     * rolled back), and says whether it is parked now. {@code publication} names the outbox publication the work is,
     * if it is one, so that its row goes once the publication has completed.
     */
    public Failure record(String kind, String key, @Nullable String reference, @Nullable UUID publication, Throwable cause) {
        String reason = reasonOf(cause);
        var failure = ownTransaction.execute(status -> jdbc.sql("""
                        insert into platform.failed_work (id, kind, key, reference, publication, attempts, last_error, since,
                            next_try_at, parked_at)
                        values (:id, :kind, :key, :reference, :publication, 1, :reason, now(),
                            now() + make_interval(secs => :first), case when :max <= 1 then now() end)
                        on conflict (kind, key) do update set
                            attempts = failed_work.attempts + 1,
                            last_error = excluded.last_error,
                            reference = coalesce(excluded.reference, failed_work.reference),
                            next_try_at = now() + make_interval(secs => least(:first * power(2, least(failed_work.attempts, 40)), :longest)),
                            parked_at = coalesce(failed_work.parked_at, case when failed_work.attempts + 1 >= :max then now() end)
                        returning attempts, parked_at is not null as parked""")
                .param("id", TimeOrderedIds.next()).param("kind", kind).param("key", key).param("reference", reference)
                .param("publication", publication).param("reason", reason).param("max", maxAttempts)
                .param("first", firstBackoff.toMillis() / 1000.0).param("longest", maxBackoff.toMillis() / 1000.0)
                .query((rs, row) -> new Failure(rs.getInt("attempts"), rs.getBoolean("parked"))).single());
        if (failure.parked() && failure.attempts() >= maxAttempts) {
            log.warn("Parked {} {} after {} attempts (last: {}); an admin can retry it", kind, key, failure.attempts(), reason);
            refreshGauges();
        }
        return failure;
    }

    /**
     * Parks the work {@code key} of this kind at once, in a transaction of its own: for a failure that trying again
     * by itself cannot change (a provider that refused the request outright). Counted as one more attempt; it waits
     * for an admin's retry, after which its job tries it at its next run.
     */
    public Failure park(String kind, String key, @Nullable String reference, Throwable cause) {
        String reason = reasonOf(cause);
        var failure = ownTransaction.execute(status -> jdbc.sql("""
                        insert into platform.failed_work (id, kind, key, reference, attempts, last_error, since, next_try_at,
                            parked_at)
                        values (:id, :kind, :key, :reference, 1, :reason, now(), now(), now())
                        on conflict (kind, key) do update set
                            attempts = failed_work.attempts + 1,
                            last_error = excluded.last_error,
                            reference = coalesce(excluded.reference, failed_work.reference),
                            parked_at = now()
                        returning attempts, true as parked""")
                .param("id", TimeOrderedIds.next()).param("kind", kind).param("key", key).param("reference", reference)
                .param("reason", reason)
                .query((rs, row) -> new Failure(rs.getInt("attempts"), rs.getBoolean("parked"))).single());
        log.warn("Parked {} {} at attempt {} ({}); an admin can retry it", kind, key, failure.attempts(), reason);
        refreshGauges();
        return failure;
    }

    /** The keys of this kind that failed before and may be tried now: not parked, their back-off over. */
    public Set<String> due(String kind) {
        return Set.copyOf(jdbc.sql("""
                        select key from platform.failed_work
                        where kind = :kind and parked_at is null and next_try_at <= now()""")
                .param("kind", kind).query(String.class).list());
    }

    /** The keys of this kind that failed and are not to be tried now: backing off, or parked. */
    public Set<String> notDue(String kind) {
        return Set.copyOf(jdbc.sql("""
                        select key from platform.failed_work
                        where kind = :kind and (parked_at is not null or next_try_at > now())""")
                .param("kind", kind).query(String.class).list());
    }

    /** The keys of this kind that are parked: no job tries them until an admin asks for another try. */
    public Set<String> parkedKeys(String kind) {
        return Set.copyOf(jdbc.sql("select key from platform.failed_work where kind = :kind and parked_at is not null")
                .param("kind", kind).query(String.class).list());
    }

    /** The keys of this kind that have failed before, due or not. */
    public Set<String> failedBefore(String kind) {
        return Set.copyOf(jdbc.sql("select key from platform.failed_work where kind = :kind")
                .param("kind", kind).query(String.class).list());
    }

    /** The work has succeeded: its failures are forgotten. */
    public void succeeded(String kind, String key) {
        jdbc.sql("delete from platform.failed_work where kind = :kind and key = :key").param("kind", kind).param("key", key)
                .update();
    }

    public List<Parked> parked(int limit, long offset) {
        return jdbc.sql("""
                        select id, kind, reference, attempts, last_error, since from platform.failed_work
                        where parked_at is not null order by parked_at, id limit :limit offset :offset""")
                .param("limit", limit).param("offset", offset)
                .query((rs, row) -> new Parked(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("reference"),
                        rs.getInt("attempts"), rs.getString("last_error"), rs.getTimestamp("since").toInstant()))
                .list();
    }

    public long parkedCount() {
        return jdbc.sql("select count(*) from platform.failed_work where parked_at is not null").query(Long.class).single();
    }

    /**
     * Gives parked (or backing-off) work one more try at its job's next run; a failure then parks it again at once.
     *
     * @return false when there is no such failed work
     */
    public boolean retry(UUID id) {
        boolean found = jdbc.sql("update platform.failed_work set parked_at = null, next_try_at = now() where id = :id")
                .param("id", id).update() == 1;
        if (found) {
            refreshGauges();
        }
        return found;
    }

    /** Forgets the outbox's failed work whose publication has completed meanwhile (it is deleted as it completes). */
    public void forgetCompletedPublications() {
        jdbc.sql("""
                        delete from platform.failed_work w where publication is not null
                        and not exists (select 1 from events.event_publication p where p.id = w.publication)""")
                .update();
    }

    @Scheduled(fixedDelayString = "${bazaar.retries.gauge-interval:30s}", initialDelayString = "5s")
    void refreshGauges() {
        var counts = new ConcurrentHashMap<String, Long>();
        jdbc.sql("select kind, count(*) as parked from platform.failed_work where parked_at is not null group by kind")
                .query((rs, row) -> counts.put(rs.getString("kind"), rs.getLong("parked"))).list();
        counts.keySet().forEach(this::gauge);
        parkedPerKind.forEach((kind, value) -> value.set(counts.getOrDefault(kind, 0L)));
    }

    /** Shows this kind in the gauge from the start, at zero, so that an alert on it has a series to watch. */
    public void watch(String kind) {
        gauge(kind);
    }

    private void gauge(String kind) {
        parkedPerKind.computeIfAbsent(kind, k -> {
            var value = new AtomicLong();
            Gauge.builder(GAUGE, value, AtomicLong::get).tag("kind", k)
                    .description("Background work that failed too often and waits for an admin").register(meters);
            return value;
        });
    }

    /**
     * What went wrong, for an admin and safe to show one: the failure's type and, where one is known, a status code.
     * Never a message, which can carry SQL, parameters, URLs, addresses or secrets.
     */
    public static String reasonOf(Throwable failure) {
        var reason = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case RestClientResponseException http -> {
                    return cut(reason.append(": HTTP ").append(http.getStatusCode().value()));
                }
                case SQLException sql when sql.getSQLState() != null -> {
                    return cut(reason.append(": SQLSTATE ").append(sql.getSQLState()));
                }
                case IOException io -> {
                    return cut(reason.append(": ").append(io.getClass().getSimpleName()));
                }
                default -> {
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return cut(reason);
    }

    private static String cut(StringBuilder reason) {
        return reason.length() <= MAX_REASON ? reason.toString() : reason.substring(0, MAX_REASON);
    }
}
