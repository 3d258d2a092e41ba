package dev.bazaar.psp.internal;

import dev.bazaar.platform.db.AsynchronousCommit;
import dev.bazaar.platform.outbound.LeasedDispatch;
import dev.bazaar.platform.outbound.OutboundHttp;
import dev.bazaar.platform.payments.ConditionalOnSandboxPaymentSystem;
import dev.bazaar.shared.web.WebhookSignature;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Sends due webhooks to the shop, signed, until it answers 2xx; retries with exponential back-off (1 s, 2 s, 4 s …
 * at most a minute apart). Deliveries are leased with {@code FOR UPDATE SKIP LOCKED} before sending, so several
 * instances share the work and no HTTP call runs inside a database transaction; up to 64 are in flight at once.
 * Deliveries the shop took are marked on the next poll, all in one statement: one transaction per poll, not one per
 * webhook (a mark that is lost, in a crash, only means the webhook is sent again when its lease runs out).
 */
@ConditionalOnSandboxPaymentSystem
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    /** Webhooks in flight at once; a slow answer holds one of them, not the deliveries behind it. */
    private static final int IN_FLIGHT = 64;

    private final JdbcClient jdbc;
    private final PspSettings settings;
    private final Clock clock;
    private final RestClient http = RestClient.builder()
            .requestFactory(OutboundHttp.requestFactory(IN_FLIGHT, Duration.ofSeconds(2), Duration.ofSeconds(5))).build();
    private final LeasedDispatch dispatch = new LeasedDispatch(IN_FLIGHT, IN_FLIGHT);
    private final String markDeliveredSql;
    /** Deliveries the shop answered with 2xx, not yet marked. */
    private final Queue<Delivered> delivered = new ConcurrentLinkedQueue<>();

    WebhookSender(JdbcClient jdbc, PspSettings settings, Clock clock,
                  @Value("${bazaar.events.asynchronous-listener-commits:true}") boolean asynchronousCommit) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        // The mark need not wait for the disk (ADR 0009): if a database crash loses it, the webhook is sent again,
        // and the shop takes each provider event once, as it must for any provider's at-least-once webhooks.
        this.markDeliveredSql = """
                update psp.webhook_deliveries w set delivered_at = d.at, last_status = d.status
                from unnest(cast(:ids as bigint[]), cast(:statuses as int[]), cast(:ats as timestamptz[])) as d(id, status, at)
                where w.id = d.id""" + (asynchronousCommit ? " and " + AsynchronousCommit.CONDITION : "");
    }

    private record Due(long id, String payload, int attempt) {
    }

    private record Delivered(long id, int status, Instant at) {
    }

    @Scheduled(fixedDelayString = "${bazaar.psp.webhook-poll-interval:100ms}")
    void sendDue() {
        markDelivered();
        dispatch.drain(this::lease, this::send, Due::id);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        dispatch.close();
        markDelivered();
    }

    /** Marks, in one statement, what the shop took since the last poll; on failure they wait for the next one. */
    private void markDelivered() {
        var batch = new ArrayList<Delivered>();
        for (Delivered next; (next = delivered.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            jdbc.sql(markDeliveredSql)
                    .param("ids", batch.stream().mapToLong(Delivered::id).toArray())
                    .param("statuses", batch.stream().mapToInt(Delivered::status).toArray())
                    .param("ats", batch.stream().map(d -> d.at().toString()).toArray(String[]::new))
                    .update();
        } catch (RuntimeException e) {
            delivered.addAll(batch);
            throw e;
        }
    }

    /** Claims due deliveries for 30 s; a crash before the result is written means they are sent again later. */
    private List<Due> lease(int batch) {
        return jdbc.sql("""
                        update psp.webhook_deliveries set due_at = now() + interval '30 seconds', attempts = attempts + 1
                        where id in (select id from psp.webhook_deliveries where delivered_at is null and due_at <= now()
                                     order by due_at limit :batch for update skip locked)
                        returning id, payload, attempts""")
                .param("batch", batch)
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getString("payload"), rs.getInt("attempts")))
                .list();
    }

    private void send(Due delivery) {
        int status = 0;
        try {
            status = http.post().uri(settings.webhookUrl())
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(settings.webhookSecret(), clock.instant(), delivery.payload()))
                    .body(delivery.payload())
                    .exchange((request, response) -> response.getStatusCode().value());
        } catch (RuntimeException e) {
            log.debug("Webhook delivery {} failed: {}", delivery.id(), e.toString());
        }
        record(delivery, status);
    }

    private void record(Due delivery, int status) {
        if (status >= 200 && status < 300) {
            delivered.add(new Delivered(delivery.id(), status, clock.instant()));
            return;
        }
        long backoffMillis = Math.min(60_000, 1000L << Math.min(delivery.attempt() - 1, 6));
        jdbc.sql("update psp.webhook_deliveries set due_at = :due, last_status = :status where id = :id")
                .param("due", Timestamp.from(clock.instant().plusMillis(backoffMillis)))
                .param("status", status).param("id", delivery.id()).update();
    }
}
