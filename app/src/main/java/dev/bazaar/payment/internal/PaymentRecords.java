package dev.bazaar.payment.internal;

import dev.bazaar.payment.RefundStatus;
import dev.bazaar.payment.spi.PaymentGateway.Authorization;
import dev.bazaar.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Payments, captures, refunds and seen webhook events, in schema {@code payment}. */
@Repository
public class PaymentRecords {

    private final JdbcClient jdbc;

    PaymentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the order already has an attempt with this key */
    public boolean add(Payment payment) {
        return jdbc.sql("""
                        insert into payment.payments (id, order_id, attempt_key, status, amount, currency, token,
                            created_at, updated_at)
                        values (:id, :order, :key, :status, :amount, :currency, :token, :at, :at)
                        on conflict (order_id, attempt_key) do nothing""")
                .param("id", payment.id()).param("status", payment.status().name()).param("order", payment.orderId()).param("key", payment.attemptKey())
                .param("amount", payment.amount().amount()).param("currency", payment.amount().currency().getCurrencyCode())
                .param("token", payment.token()).param("at", Timestamp.from(payment.createdAt()))
                .update() == 1;
    }

    public Optional<Payment> find(UUID id) {
        return one("select * from payment.payments where id = :id", Map.of("id", id));
    }

    /** The attempt the provider knows by this intent, locked. */
    public Optional<Payment> lockByIntent(String intentId) {
        return one("select * from payment.payments where intent_id = :intent for update", Map.of("intent", intentId));
    }

    /** The order's latest attempt. */
    public Optional<Payment> latest(UUID orderId) {
        return one("select * from payment.payments where order_id = :order order by created_at desc, id desc limit 1",
                Map.of("order", orderId));
    }

    /** The order's latest attempt, locked. */
    public Optional<Payment> lockLatest(UUID orderId) {
        return one("select * from payment.payments where order_id = :order order by created_at desc, id desc limit 1 for update",
                Map.of("order", orderId));
    }

    /** An order's latest attempt with what has been captured and refunded of it. */
    public record Latest(Payment payment, Totals totals) {
    }

    /** The latest attempt of each order with its totals, in one query (order views need both). */
    public Map<UUID, Latest> latestWithTotals(Collection<UUID> orderIds) {
        var latest = new HashMap<UUID, Latest>();
        if (orderIds.isEmpty()) {
            return latest;
        }
        jdbc.sql("""
                        select p.*,
                               (select coalesce(sum(amount), 0) from payment.captures c where c.payment_id = p.id) as captured,
                               (select coalesce(sum(amount), 0) from payment.refunds r where r.payment_id = p.id) as refunded
                        from (select distinct on (order_id) * from payment.payments where order_id in (:orders)
                              order by order_id, created_at desc, id desc) p""")
                .param("orders", List.copyOf(orderIds))
                .query((rs, n) -> latest.put(rs.getObject("order_id", UUID.class), new Latest(map(rs, n),
                        new Totals(rs.getBigDecimal("captured"), rs.getBigDecimal("refunded")))))
                .list();
        return latest;
    }

    /** Whether an attempt of this order still waits for its intent id (a webhook may have overtaken it). */
    public boolean awaitsIntent(UUID orderId) {
        return jdbc.sql("""
                        select exists (select 1 from payment.payments
                                       where order_id = :order and intent_id is null and status = :pending)""")
                .param("order", orderId).param("pending", PaymentStatus.PENDING.name()).query(Boolean.class).single();
    }

    public void setIntent(UUID id, String intentId) {
        jdbc.sql("update payment.payments set intent_id = :intent, updated_at = now() where id = :id and intent_id is null")
                .param("id", id).param("intent", intentId).update();
    }

    /**
     * Gives the intent to this payment of this order and amount if it has none yet; answers the payment, locked, or
     * nothing when it is not such a payment.
     */
    public Optional<Payment> adoptIntent(UUID id, UUID orderId, Money amount, String intentId) {
        return jdbc.sql("""
                        update payment.payments set intent_id = :intent, updated_at = now()
                        where id = :id and order_id = :order and amount = :amount and currency = :currency and intent_id is null
                        returning *""")
                .param("id", id).param("order", orderId).param("amount", amount.amount())
                .param("currency", amount.currency().getCurrencyCode()).param("intent", intentId)
                .query(PaymentRecords::map).optional();
    }

    /**
     * Writes a move the payment decided ({@code from} as it was read, {@code to} what it became), only if the payment
     * is still where it was read. @return false when a concurrent move came first (nothing changed)
     */
    public boolean move(Payment from, Payment to) {
        return jdbc.sql("""
                        update payment.payments set status = :to, failure_code = :code, updated_at = now()
                        where id = :id and status = :from""")
                .param("id", from.id()).param("from", from.status().name()).param("to", to.status().name())
                .param("code", to.failureCode()).update() == 1;
    }

    public void requestVoid(UUID id) {
        jdbc.sql("update payment.payments set void_requested = true, updated_at = now() where id = :id").param("id", id).update();
    }

    // ---- captures

    /** @return false when this reference was captured (or asked for) before */
    public boolean addCapture(String reference, UUID paymentId, Money amount, Instant at) {
        return jdbc.sql("""
                        insert into payment.captures (reference, payment_id, amount, status, created_at)
                        values (:reference, :payment, :amount, :pending, :at) on conflict (reference) do nothing""")
                .param("reference", reference).param("pending", CaptureStatus.PENDING.name()).param("payment", paymentId).param("amount", amount.amount())
                .param("at", Timestamp.from(at)).update() == 1;
    }

    public record Capture(String reference, UUID paymentId, BigDecimal amount, CaptureStatus status) {

        public boolean done() {
            return status == CaptureStatus.DONE;
        }
    }

    public Optional<Capture> capture(String reference) {
        return jdbc.sql("select * from payment.captures where reference = :reference").param("reference", reference)
                .query((rs, n) -> new Capture(rs.getString("reference"), rs.getObject("payment_id", UUID.class),
                        rs.getBigDecimal("amount"), CaptureStatus.valueOf(rs.getString("status")))).optional();
    }

    /** @return false when it was marked done before */
    public boolean captureDone(String reference) {
        return jdbc.sql("update payment.captures set status = :done where reference = :reference and status = :pending")
                .param("reference", reference).param("done", CaptureStatus.DONE.name())
                .param("pending", CaptureStatus.PENDING.name()).update() == 1;
    }

    // ---- refunds

    public void addRefund(UUID id, UUID paymentId, Money amount, String reason, Instant at) {
        jdbc.sql("""
                        insert into payment.refunds (id, payment_id, amount, reason, status, created_at)
                        values (:id, :payment, :amount, :reason, :pending, :at)""")
                .param("id", id).param("pending", RefundStatus.PENDING.name()).param("payment", paymentId).param("amount", amount.amount()).param("reason", reason)
                .param("at", Timestamp.from(at)).update();
    }

    public record Refund(UUID id, UUID paymentId, UUID orderId, Money amount, String reason, RefundStatus status,
                         Instant createdAt) {

        /** Still to be sent back through the provider (or to be retried). */
        public boolean awaitsProvider() {
            return status == RefundStatus.PENDING;
        }
    }

    public Optional<Refund> refund(UUID id) {
        return jdbc.sql("""
                        select r.*, p.order_id, p.currency
                        from payment.refunds r join payment.payments p on p.id = r.payment_id
                        where r.id = :id""")
                .param("id", id).query(PaymentRecords::mapRefund).optional();
    }

    public List<Refund> refundsOf(UUID orderId) {
        return jdbc.sql("""
                        select r.*, p.order_id, p.currency
                        from payment.refunds r join payment.payments p on p.id = r.payment_id
                        where p.order_id = :order
                        order by r.created_at""")
                .param("order", orderId).query(PaymentRecords::mapRefund).list();
    }

    private static Refund mapRefund(ResultSet rs, int row) throws SQLException {
        return new Refund(rs.getObject("id", UUID.class), rs.getObject("payment_id", UUID.class),
                rs.getObject("order_id", UUID.class),
                new Money(rs.getBigDecimal("amount"), Currency.getInstance(rs.getString("currency"))), rs.getString("reason"),
                RefundStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant());
    }

    /** @return false when it was marked done before */
    public boolean refundDone(UUID id) {
        return jdbc.sql("update payment.refunds set status = :succeeded where id = :id and status = :pending")
                .param("id", id).param("succeeded", RefundStatus.SUCCEEDED.name())
                .param("pending", RefundStatus.PENDING.name()).update() == 1;
    }

    /** Refunds still waiting for the provider after {@code olderThan}: a crash or an outage left them. */
    public List<UUID> stalledRefunds(Instant olderThan) {
        return jdbc.sql("select id from payment.refunds where status = :pending and created_at < :before")
                .param("pending", RefundStatus.PENDING.name()).param("before", Timestamp.from(olderThan)).query(UUID.class).list();
    }

    /** Captured (asked or done) and refunded (asked or done) so far, per payment. */
    public record Totals(BigDecimal captured, BigDecimal refunded) {
    }

    public Map<UUID, Totals> totals(Collection<UUID> paymentIds) {
        var totals = new HashMap<UUID, Totals>();
        if (paymentIds.isEmpty()) {
            return totals;
        }
        jdbc.sql("""
                        select p.id,
                               (select coalesce(sum(amount), 0) from payment.captures c where c.payment_id = p.id) as captured,
                               (select coalesce(sum(amount), 0) from payment.refunds r where r.payment_id = p.id) as refunded
                        from payment.payments p where p.id in (:ids)""")
                .param("ids", List.copyOf(paymentIds))
                .query((rs, n) -> totals.put(rs.getObject("id", UUID.class),
                        new Totals(rs.getBigDecimal("captured"), rs.getBigDecimal("refunded"))))
                .list();
        return totals;
    }

    // ---- webhook events

    /** Records a provider event id; false when it was seen before. */
    public boolean firstSighting(String eventId, Instant at) {
        return jdbc.sql("insert into payment.webhook_events (event_id, received_at) values (:id, :at) on conflict do nothing")
                .param("id", eventId).param("at", Timestamp.from(at)).update() == 1;
    }

    /** What one provider event did: whether its id was new, and the payment it decided, if any. */
    public record Decision(boolean firstSighting, Optional<Payment> decided) {
    }

    /**
     * Notes the event id and, if it is new, decides the {@code PENDING} payment of that intent by the provider's
     * decision ({@link PaymentStatus#decidedBy}), in one statement. A payment that is not pending (any more) is left as
     * it is, and a concurrent decision waits on the row lock and then finds it decided.
     * <p>
     * Why one statement with two data-modifying CTEs rather than an insert and an update: the webhook transaction is
     * one of the few every order goes through, and noting, locking and deciding were three round trips where this is
     * one (docs/performance-history.md, fourth round, "Webhook intake in one statement"; that round measured its
     * changes together, not this one alone). Its shape: {@code seen} is the event id's row only when it is new, so a
     * repeated or replayed event decides nothing ({@code exists (select 1 from seen)}); {@code decided} is the update
     * with the same guard as {@link #decide}; the final select answers exactly one row whether or not a payment was
     * decided (the left join to a one-row {@code values}), with the decided payment's columns when one was.
     */
    public Decision decideOnFirstSighting(String eventId, Instant at, String intentId, Authorization decision) {
        var decided = new ArrayList<Payment>();
        boolean first = bindDecision(jdbc.sql("""
                        with seen as (
                            insert into payment.webhook_events (event_id, received_at) values (:event, :at)
                            on conflict do nothing
                            returning event_id
                        ), decided as (
                            update payment.payments
                            set status = case when void_requested then :status_if_void_requested else :status end,
                                failure_code = :code, updated_at = now()
                            where intent_id = :intent and status = :pending and exists (select 1 from seen)
                            returning payments.*
                        )
                        select exists (select 1 from seen) as first_sighting, decided.*
                        from (values (1)) as one_row (x) left join decided on true"""), intentId, decision)
                .param("event", eventId).param("at", Timestamp.from(at))
                .query((rs, n) -> {
                    if (rs.getObject("id") != null) {
                        decided.add(map(rs, n));
                    }
                    return rs.getBoolean("first_sighting");
                }).single();
        return new Decision(first, decided.stream().findFirst());
    }

    /** Decides the intent's payment if it is still {@code PENDING} (as {@link #decideOnFirstSighting}, id noted). */
    public Optional<Payment> decide(String intentId, Authorization decision) {
        return bindDecision(jdbc.sql("""
                        update payment.payments
                        set status = case when void_requested then :status_if_void_requested else :status end,
                            failure_code = :code, updated_at = now()
                        where intent_id = :intent and status = :pending
                        returning *"""), intentId, decision)
                .query(PaymentRecords::map).optional();
    }

    /**
     * The parameters of a decision: the statement only picks between the two outcomes the payment's rule names, by
     * the row's {@code void_requested} as it is under the row lock. A decline without the provider's reason is
     * recorded as {@code card_declined}.
     */
    private static JdbcClient.StatementSpec bindDecision(JdbcClient.StatementSpec statement, String intentId,
                                                         Authorization decision) {
        return statement.param("intent", intentId)
                .param("pending", PaymentStatus.PENDING.name())
                .param("status", PaymentStatus.decidedBy(decision, false).name())
                .param("status_if_void_requested", PaymentStatus.decidedBy(decision, true).name())
                .param("code", decision.authorized() ? null : Objects.requireNonNullElse(decision.failureCode(), "card_declined"));
    }

    private Optional<Payment> one(String sql, Map<String, ?> params) {
        return jdbc.sql(sql).params(params).query(PaymentRecords::map).optional();
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
                rs.getString("attempt_key"), PaymentStatus.valueOf(rs.getString("status")),
                new Money(rs.getBigDecimal("amount"), Currency.getInstance(rs.getString("currency"))), rs.getString("token"),
                rs.getString("intent_id"), rs.getString("failure_code"), rs.getBoolean("void_requested"),
                rs.getTimestamp("created_at").toInstant());
    }
}
