package dev.bazaar.notification.internal;

import dev.bazaar.shared.ids.TimeOrderedIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Webhook subscriptions, the outgoing events, and their deliveries and attempts, in schema {@code notification}. */
@Repository
public class Webhooks {

    public static final List<String> EVENT_TYPES = List.of("order.placed", "order.confirmed", "order.payment_failed",
            "order.cancelled", "order.shipped", "order.delivered", "order.refunded", "stock.low");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final SecureRandom random = new SecureRandom();

    Webhooks(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Subscription(UUID id, String url, List<String> events, String secret, boolean active, Instant createdAt) {
    }

    public Subscription subscribe(String url, List<String> events, Instant at) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        var subscription = new Subscription(TimeOrderedIds.next(), url, List.copyOf(events),
                "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true, at);
        jdbc.sql("insert into notification.subscriptions (id, url, events, secret, created_at) values (:id, :url, :events, :secret, :at)")
                .param("id", subscription.id()).param("url", url).param("events", events.toArray(String[]::new))
                .param("secret", subscription.secret()).param("at", Timestamp.from(at)).update();
        return subscription;
    }

    public Optional<Subscription> find(UUID id) {
        return jdbc.sql("select * from notification.subscriptions where id = :id").param("id", id)
                .query((rs, n) -> new Subscription(rs.getObject("id", UUID.class), rs.getString("url"),
                        List.of((String[]) rs.getArray("events").getArray()), rs.getString("secret"), rs.getBoolean("active"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    public List<Subscription> all() {
        return jdbc.sql("select id from notification.subscriptions order by created_at").query(UUID.class).list()
                .stream().map(id -> find(id).orElseThrow()).toList();
    }

    public boolean unsubscribe(UUID id) {
        return jdbc.sql("update notification.subscriptions set active = false where id = :id").param("id", id).update() == 1;
    }

    /**
     * Records the change as one outgoing event (the same id for every subscriber and every retry) and a delivery to
     * each active subscription that wants its type. A second call for the same change does nothing. With no
     * subscription for the type nothing is kept, and {@code data} is not even built: there is no one to deliver to
     * (and most shops subscribe to little).
     */
    public void publish(String dedupeKey, String type, Instant at, Supplier<Map<String, Object>> data) {
        if (wanted(type)) {
            publishWanted(dedupeKey, type, at, data);
        }
    }

    /** As {@link #publish}, for a caller that has just learnt that some subscription wants {@code type}. */
    public void publishWanted(String dedupeKey, String type, Instant at, Supplier<Map<String, Object>> data) {
        UUID id = TimeOrderedIds.next();
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id.toString());
        body.put("type", type);
        body.put("createdAt", at.toString());
        body.put("data", data.get());
        int created = jdbc.sql("""
                        insert into notification.webhook_events (id, dedupe_key, type, payload, created_at)
                        values (:id, :key, :type, :payload, :at) on conflict (dedupe_key) do nothing""")
                .param("id", id).param("key", dedupeKey).param("type", type)
                .param("payload", json.writeValueAsString(body)).param("at", Timestamp.from(at)).update();
        if (created == 0) {
            return;
        }
        jdbc.sql("""
                        insert into notification.webhook_deliveries (event_id, subscription_id, due_at)
                        select :event, id, now() from notification.subscriptions where active and :type = any(events)""")
                .param("event", id).param("type", type).update();
    }

    private boolean wanted(String type) {
        return jdbc.sql("select exists (select 1 from notification.subscriptions where active and :type = any(events))")
                .param("type", type).query(Boolean.class).single();
    }

    /** A delivery to send now. */
    public record Due(long id, UUID eventId, UUID subscriptionId, String type, String url, String secret, String payload,
                      int attempt) {
    }

    /** Leases due deliveries for 30 s ({@code SKIP LOCKED}: several instances share the work, none sends one twice at once). */
    public List<Due> leaseDue(int limit) {
        return jdbc.sql("""
                        with due as (
                            update notification.webhook_deliveries set due_at = now() + interval '30 seconds', attempts = attempts + 1
                            where id in (select id from notification.webhook_deliveries
                                         where delivered_at is null and gave_up_at is null and due_at <= now()
                                         order by due_at limit :limit for update skip locked)
                            returning id, event_id, subscription_id, attempts)
                        select due.*, e.type, e.payload, s.url, s.secret from due
                        join notification.webhook_events e on e.id = due.event_id
                        join notification.subscriptions s on s.id = due.subscription_id""")
                .param("limit", limit)
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                        rs.getObject("subscription_id", UUID.class), rs.getString("type"), rs.getString("url"),
                        rs.getString("secret"), rs.getString("payload"), rs.getInt("attempts")))
                .list();
    }

    public void attempted(Due delivery, int status, Instant at, Instant retryAt, boolean giveUp) {
        jdbc.sql("""
                        insert into notification.delivery_attempts (subscription_id, event_id, type, attempt, status, at)
                        values (:subscription, :event, :type, :attempt, :status, :at)""")
                .param("subscription", delivery.subscriptionId()).param("event", delivery.eventId())
                .param("type", delivery.type()).param("attempt", delivery.attempt()).param("status", status)
                .param("at", Timestamp.from(at)).update();
        boolean delivered = status >= 200 && status < 300;
        jdbc.sql("""
                        update notification.webhook_deliveries set delivered_at = :delivered, gave_up_at = :gaveUp, due_at = :retry
                        where id = :id""")
                .param("id", delivery.id())
                .param("delivered", delivered ? Timestamp.from(at) : null)
                .param("gaveUp", !delivered && giveUp ? Timestamp.from(at) : null)
                .param("retry", Timestamp.from(retryAt))
                .update();
        if (!delivered && giveUp) {
            // persistent failure: stop sending to this receiver until an admin subscribes it again
            unsubscribe(delivery.subscriptionId());
        }
    }

    /** One logged attempt. */
    public record Attempt(String eventId, String type, int attempt, int status, Instant at) {
    }

    public List<Attempt> attempts(UUID subscription, int limit, long offset) {
        return jdbc.sql("""
                        select * from notification.delivery_attempts where subscription_id = :subscription
                        order by id limit :limit offset :offset""")
                .param("subscription", subscription).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Attempt(rs.getObject("event_id", UUID.class).toString(), rs.getString("type"),
                        rs.getInt("attempt"), rs.getInt("status"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    public long attemptCount(UUID subscription) {
        return jdbc.sql("select count(*) from notification.delivery_attempts where subscription_id = :subscription")
                .param("subscription", subscription).query(Long.class).single();
    }
}
