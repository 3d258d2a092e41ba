package dev.bazaar.psp.internal;

import dev.bazaar.platform.payments.ConditionalOnSandboxPaymentSystem;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sandbox's payment intents: created at once ({@code processing}), decided later and reported by webhook;
 * captured, cancelled and refunded on request. Every call is idempotent by its key.
 */
@ConditionalOnSandboxPaymentSystem
@Service
public class SandboxPayments {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PspSettings settings;
    private final Clock clock;

    SandboxPayments(JdbcClient jdbc, JsonMapper json, PspSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Creates an intent, or answers the one created with this key before, and schedules its webhook(s): one statement
     * for a first request, which writes the intent and its deliveries together or not at all (so it needs no
     * transaction around it). A replayed key inserts nothing and answers the intent as it was created. The caller's
     * {@code metadata} comes back in the outcome event as {@code data.metadata}.
     */
    public Intent create(String key, long amount, String currency, String token, String orderId, Map<String, String> metadata) {
        var decision = TestCards.decide(token);
        Instant now = clock.instant();
        Instant decidedAt = now.plus(decision.after());
        String id = "pi_" + UUID.randomUUID().toString().replace("-", "");
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        Instant due = decidedAt.plus(settings.webhookDelay);
        boolean twice = decision.sentTwice() || ThreadLocalRandom.current().nextDouble() < settings.duplicateWebhooks;
        var created = jdbc.sql("""
                        with intent as (
                            insert into psp.intents (id, idempotency_key, order_id, amount, currency, token, outcome,
                                failure_code, status, created_at, decided_at)
                            values (:id, :key, :order, :amount, :currency, :token, :outcome, :code, :processing, :now, :decided)
                            on conflict (idempotency_key) do nothing
                            returning *),
                        deliveries as (
                            insert into psp.webhook_deliveries (event_id, payload, due_at)
                            select :event, :payload, due from intent, (values (cast(:due as timestamptz)), (cast(:dueAgain as timestamptz))) as d(due)
                            where due is not null)
                        select * from intent""")
                .param("id", id).param("key", key).param("order", orderId).param("amount", amount)
                .param("currency", currency).param("token", token)
                .param("outcome", Intent.outcome(decision.succeeds()).wireName()).param("code", decision.failureCode())
                .param("processing", IntentStatus.PROCESSING.wireName())
                .param("now", Timestamp.from(now)).param("decided", Timestamp.from(decidedAt))
                .param("event", eventId).param("payload", outcomeEvent(eventId, id, orderId, amount, currency, metadata, decision, decidedAt))
                .param("due", Timestamp.from(due))
                .param("dueAgain", twice ? Timestamp.from(due.plusMillis(400)) : null, Types.TIMESTAMP)
                .query(SandboxPayments::map).optional();
        return created.or(() -> byKey(key)).orElseThrow();
    }

    public Optional<Intent> find(String id) {
        return jdbc.sql("select * from psp.intents where id = :id").param("id", id).query(SandboxPayments::map).optional();
    }

    /**
     * Captures part or all of an authorised intent; captures add up to at most the amount. The intent's row is locked
     * from reading it to writing it, so the checks {@link Intent} makes hold when the UPDATE runs.
     */
    @Transactional
    public Intent capture(String id, long amount, String key) {
        return operate(id, key, "capture", amount, intent -> {
            var captured = intent.capture(amount, clock.instant());
            jdbc.sql("update psp.intents set captured = captured + :amount, status = :status where id = :id")
                    .param("amount", amount).param("status", captured.wireName()).param("id", id).update();
        });
    }

    /** Cancels (voids) an intent that has not been captured. */
    @Transactional
    public Intent cancel(String id, String key) {
        return operate(id, key, "cancel", 0, intent -> {
            var canceled = intent.cancel(clock.instant());
            jdbc.sql("update psp.intents set status = :status where id = :id")
                    .param("status", canceled.wireName()).param("id", id).update();
        });
    }

    /** Refunds part or all of what was captured. */
    @Transactional
    public Intent refund(String id, long amount, String key) {
        return operate(id, key, "refund", amount, intent -> {
            intent.refund(amount);
            jdbc.sql("update psp.intents set refunded = refunded + :amount where id = :id")
                    .param("amount", amount).param("id", id).update();
        });
    }

    private Intent operate(String id, String key, String kind, long amount, java.util.function.Consumer<Intent> change) {
        var intent = jdbc.sql("select * from psp.intents where id = :id for update").param("id", id)
                .query(SandboxPayments::map).optional()
                .orElseThrow(() -> ProblemException.notFound("Payment intent " + id));
        boolean done = jdbc.sql("select exists (select 1 from psp.operations where idempotency_key = :key)")
                .param("key", key).query(Boolean.class).single();
        if (!done) {
            if (amount < 0) {
                throw ProblemException.badRequest("amount", "The amount must not be negative.");
            }
            change.accept(intent);
            jdbc.sql("insert into psp.operations (idempotency_key, intent_id, kind, amount, at) values (:key, :id, :kind, :amount, :at)")
                    .param("key", key).param("id", id).param("kind", kind).param("amount", amount)
                    .param("at", Timestamp.from(clock.instant())).update();
        }
        return find(id).orElseThrow();
    }

    /** The webhook event that tells the shop the intent's outcome. */
    private String outcomeEvent(String eventId, String intentId, String orderId, long amount, String currency,
                                Map<String, String> metadata, TestCards.Decision decision, Instant decidedAt) {
        var data = new LinkedHashMap<String, Object>();
        data.put("intentId", intentId);
        data.put("orderId", orderId);
        data.put("amount", Money.ofMinor(amount, Currency.getInstance(currency)));
        if (decision.failureCode() != null) {
            data.put("failureCode", decision.failureCode());
        }
        if (!metadata.isEmpty()) {
            data.put("metadata", metadata);
        }
        return json.writeValueAsString(Map.of(
                "id", eventId,
                "type", decision.succeeds() ? "payment_intent.succeeded" : "payment_intent.payment_failed",
                "created", decidedAt.getEpochSecond(),
                "data", data));
    }

    private Optional<Intent> byKey(String key) {
        return jdbc.sql("select * from psp.intents where idempotency_key = :key").param("key", key)
                .query(SandboxPayments::map).optional();
    }

    private static Intent map(ResultSet rs, int row) throws SQLException {
        return new Intent(rs.getString("id"), rs.getString("order_id"), rs.getLong("amount"), rs.getString("currency"),
                IntentStatus.ofWireName(rs.getString("outcome")), rs.getString("failure_code"),
                IntentStatus.ofWireName(rs.getString("status")), rs.getLong("captured"),
                rs.getLong("refunded"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("decided_at").toInstant());
    }
}
