package dev.bazaar.notification.internal;

import dev.bazaar.shared.ids.TimeOrderedIds;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Notifications per recipient and channel: the customer's feed, and the outbox of e-mails to send. */
@Repository
public class NotificationLog {

    private final JdbcClient jdbc;

    NotificationLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A notification to record: {@code PENDING} to be mailed, or {@code LOGGED} when no mail server is set up. */
    public record Entry(String dedupeKey, String channel, UUID recipient, String recipientEmail, String type,
                        @Nullable UUID orderId, String subject, String body, String status, Instant at) {
    }

    /** @return false when this change was already notified to this recipient on this channel */
    public boolean record(Entry entry) {
        return jdbc.sql("""
                        insert into notification.notifications (id, dedupe_key, channel, recipient, recipient_email, type,
                            order_id, subject, body, status, next_attempt_at, created_at)
                        values (:id, :key, :channel, :recipient, :email, :type, :order, :subject, :body, :status, :at, :at)
                        on conflict (dedupe_key, channel, recipient) do nothing""")
                .param("id", TimeOrderedIds.next()).param("key", entry.dedupeKey()).param("channel", entry.channel())
                .param("recipient", entry.recipient()).param("email", entry.recipientEmail()).param("type", entry.type())
                .param("order", entry.orderId()).param("subject", entry.subject()).param("body", entry.body())
                .param("status", entry.status()).param("at", Timestamp.from(entry.at()))
                .update() == 1;
    }

    /**
     * Records the entry (once, as {@link #record}) and answers, in the same round trip, whether any active webhook
     * subscription wants events of {@code webhookType}: what {@link Webhooks#publish} would otherwise ask next.
     */
    public boolean recordAndAskSubscribed(Entry entry, String webhookType) {
        return jdbc.sql("""
                        with recorded as (
                            insert into notification.notifications (id, dedupe_key, channel, recipient, recipient_email, type,
                                order_id, subject, body, status, next_attempt_at, created_at)
                            values (:id, :key, :channel, :recipient, :email, :type, :order, :subject, :body, :status, :at, :at)
                            on conflict (dedupe_key, channel, recipient) do nothing)
                        select exists (select 1 from notification.subscriptions where active and :webhookType = any(events))""")
                .param("id", TimeOrderedIds.next()).param("key", entry.dedupeKey()).param("channel", entry.channel())
                .param("recipient", entry.recipient()).param("email", entry.recipientEmail()).param("type", entry.type())
                .param("order", entry.orderId()).param("subject", entry.subject()).param("body", entry.body())
                .param("status", entry.status()).param("at", Timestamp.from(entry.at())).param("webhookType", webhookType)
                .query(Boolean.class).single();
    }

    /** One feed line. */
    public record FeedItem(Instant at, String channel, String type, @Nullable String orderId, String subject) {
    }

    public List<FeedItem> feed(UUID recipient, int limit, long offset) {
        return jdbc.sql("""
                        select created_at, channel, type, order_id, subject from notification.notifications
                        where recipient = :recipient order by created_at desc, id desc limit :limit offset :offset""")
                .param("recipient", recipient).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new FeedItem(rs.getTimestamp("created_at").toInstant(), rs.getString("channel"),
                        rs.getString("type"), rs.getString("order_id"), rs.getString("subject")))
                .list();
    }

    public long feedSize(UUID recipient) {
        return jdbc.sql("select count(*) from notification.notifications where recipient = :recipient")
                .param("recipient", recipient).query(Long.class).single();
    }

    /** A mail to send. */
    public record Mail(UUID id, String to, String subject, String body, int attempt) {
    }

    /** Leases due mails for a minute (several instances share the work; a crash means they are tried again). */
    public List<Mail> leaseDueMails(int limit) {
        return jdbc.sql("""
                        update notification.notifications set next_attempt_at = now() + interval '60 seconds', attempts = attempts + 1
                        where id in (select id from notification.notifications where status = 'PENDING' and next_attempt_at <= now()
                                     order by next_attempt_at limit :limit for update skip locked)
                        returning id, recipient_email, subject, body, attempts""")
                .param("limit", limit)
                .query((rs, n) -> new Mail(rs.getObject("id", UUID.class), rs.getString("recipient_email"),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")))
                .list();
    }

    public void sent(UUID id) {
        jdbc.sql("update notification.notifications set status = 'SENT', sent_at = now() where id = :id").param("id", id).update();
    }

    public void retryLater(UUID id, Instant at, boolean giveUp) {
        jdbc.sql("update notification.notifications set next_attempt_at = :at, status = :status where id = :id")
                .param("id", id).param("at", Timestamp.from(at)).param("status", giveUp ? "FAILED" : "PENDING").update();
    }
}
