package dev.bazaar.psp.internal;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
     * Creates an intent, or answers the one created with this key before, and schedules its webhook(s). The insert
     * answers the new intent itself, so a first request is one statement (and the webhook's).
     */
    @Transactional
    public Intent create(String key, long amount, String currency, String token, String orderId) {
        var decision = TestCards.decide(token);
        Instant now = clock.instant();
        Instant decidedAt = now.plus(decision.after());
        String id = "pi_" + UUID.randomUUID().toString().replace("-", "");
        var created = jdbc.sql("""
                        insert into psp.intents (id, idempotency_key, order_id, amount, currency, token, outcome,
                            failure_code, status, created_at, decided_at)
                        values (:id, :key, :order, :amount, :currency, :token, :outcome, :code, 'created', :now, :decided)
                        on conflict (idempotency_key) do nothing
                        returning *""")
                .param("id", id).param("key", key).param("order", orderId).param("amount", amount)
                .param("currency", currency).param("token", token)
                .param("outcome", decision.succeeds() ? "succeeded" : "failed").param("code", decision.failureCode())
                .param("now", Timestamp.from(now)).param("decided", Timestamp.from(decidedAt))
                .query(SandboxPayments::map).optional();
        if (created.isEmpty()) {
            return byKey(key).orElseThrow();
        }
        var intent = created.get();
        scheduleOutcome(intent, decision.sentTwice() || ThreadLocalRandom.current().nextDouble() < settings.duplicateWebhooks);
        return intent;
    }

    public Optional<Intent> find(String id) {
        return jdbc.sql("select * from psp.intents where id = :id").param("id", id).query(SandboxPayments::map).optional();
    }

    /** Captures part or all of an authorised intent; captures add up to at most the amount. */
    @Transactional
    public Intent capture(String id, long amount, String key) {
        return operate(id, key, "capture", amount, intent -> {
            if (!intent.authorisedAt(clock.instant()) && !"captured".equals(intent.status())) {
                throw conflict("An intent that is " + intent.statusAt(clock.instant()) + " cannot be captured.");
            }
            if (intent.captured() + amount > intent.amount()) {
                throw conflict("Captures would exceed the authorised amount.");
            }
            jdbc.sql("update psp.intents set captured = captured + :amount, status = 'captured' where id = :id")
                    .param("amount", amount).param("id", id).update();
        });
    }

    /** Cancels (voids) an intent that has not been captured. */
    @Transactional
    public Intent cancel(String id, String key) {
        return operate(id, key, "cancel", 0, intent -> {
            if (intent.captured() > 0) {
                throw conflict("A captured intent cannot be cancelled; refund it.");
            }
            jdbc.sql("update psp.intents set status = 'canceled' where id = :id").param("id", id).update();
        });
    }

    /** Refunds part or all of what was captured. */
    @Transactional
    public Intent refund(String id, long amount, String key) {
        return operate(id, key, "refund", amount, intent -> {
            if (intent.refunded() + amount > intent.captured()) {
                throw conflict("Refunds would exceed what was captured.");
            }
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

    private void scheduleOutcome(Intent intent, boolean twice) {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        var data = new LinkedHashMap<String, Object>();
        data.put("intentId", intent.id());
        data.put("orderId", intent.orderId());
        data.put("amount", Money.ofMinor(intent.amount(), Currency.getInstance(intent.currency())));
        if (intent.failureCode() != null) {
            data.put("failureCode", intent.failureCode());
        }
        String payload = json.writeValueAsString(Map.of(
                "id", eventId,
                "type", "succeeded".equals(intent.outcome()) ? "payment_intent.succeeded" : "payment_intent.payment_failed",
                "created", intent.decidedAt().getEpochSecond(),
                "data", data));
        Instant due = intent.decidedAt().plus(settings.webhookDelay);
        insertDelivery(eventId, payload, due);
        if (twice) {
            insertDelivery(eventId, payload, due.plusMillis(400));
        }
    }

    private void insertDelivery(String eventId, String payload, Instant due) {
        jdbc.sql("insert into psp.webhook_deliveries (event_id, payload, due_at) values (:event, :payload, :due)")
                .param("event", eventId).param("payload", payload).param("due", Timestamp.from(due)).update();
    }

    private Optional<Intent> byKey(String key) {
        return jdbc.sql("select * from psp.intents where idempotency_key = :key").param("key", key)
                .query(SandboxPayments::map).optional();
    }

    private static ProblemException conflict(String detail) {
        return ProblemException.conflict("intent-state", "Not possible for this intent", detail);
    }

    private static Intent map(ResultSet rs, int row) throws SQLException {
        return new Intent(rs.getString("id"), rs.getString("order_id"), rs.getLong("amount"), rs.getString("currency"),
                rs.getString("outcome"), rs.getString("failure_code"), rs.getString("status"), rs.getLong("captured"),
                rs.getLong("refunded"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("decided_at").toInstant());
    }
}
