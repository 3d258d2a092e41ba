package dev.bazaar.notification.internal;

import dev.bazaar.BazaarIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Attempts of several deliveries are written together: each logged, each delivery settled, give-ups ending subscriptions. */
@BazaarIntegrationTest
class WebhooksIntegrationTests {

    @Autowired
    Webhooks webhooks;
    @Autowired
    JdbcClient jdbc;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // far enough ahead that the running sender never leases these deliveries itself
    private final Instant later = now.plus(1, ChronoUnit.DAYS);

    @Test
    void aDeliveredAndAGivenUpAttemptAreLoggedTogetherAndTheGiveUpEndsItsSubscription() {
        var kept = webhooks.subscribe("http://127.0.0.1:9/kept", List.of("order.placed"), now);
        var dropped = webhooks.subscribe("http://127.0.0.1:9/dropped", List.of("order.placed"), now);
        try {
            var delivered = due(kept.id(), 1);
            var givenUp = due(dropped.id(), 12);

            webhooks.recordAttempts(List.of(new Webhooks.Attempted(delivered, 200, now, later, false),
                    new Webhooks.Attempted(givenUp, 500, now.plusMillis(5), later, true)));

            assertThat(settled(delivered.id())).containsEntry("delivered", true).containsEntry("given_up", false);
            assertThat(settled(givenUp.id())).containsEntry("delivered", false).containsEntry("given_up", true);
            assertThat(webhooks.find(kept.id()).orElseThrow().active()).isTrue();
            assertThat(webhooks.find(dropped.id()).orElseThrow().active()).isFalse();
            assertThat(webhooks.attempts(kept.id(), 10, 0)).singleElement()
                    .satisfies(a -> assertThat(a.attempt() + ":" + a.status()).isEqualTo("1:200"));
            assertThat(webhooks.attempts(dropped.id(), 10, 0)).singleElement()
                    .satisfies(a -> assertThat(a.attempt() + ":" + a.status()).isEqualTo("12:500"));
        } finally {
            webhooks.unsubscribe(kept.id());
        }
    }

    /** An event and its delivery to the subscription, due only tomorrow; as leased for its {@code attempt}th try. */
    private Webhooks.Due due(UUID subscription, int attempt) {
        UUID event = UUID.randomUUID();
        jdbc.sql("insert into notification.webhook_events (id, dedupe_key, type, payload, created_at) values (:id, :key, 'order.placed', '{}', now())")
                .param("id", event).param("key", "test:" + event).update();
        long id = jdbc.sql("""
                        insert into notification.webhook_deliveries (event_id, subscription_id, due_at, attempts)
                        values (:event, :subscription, :due, :attempt) returning id""")
                .param("event", event).param("subscription", subscription).param("due", Timestamp.from(later))
                .param("attempt", attempt).query(Long.class).single();
        return new Webhooks.Due(id, event, subscription, "order.placed", "http://127.0.0.1:9/", "secret", "{}", attempt);
    }

    private Map<String, Object> settled(long delivery) {
        return jdbc.sql("""
                        select delivered_at is not null as delivered, gave_up_at is not null as given_up
                        from notification.webhook_deliveries where id = :id""")
                .param("id", delivery).query().singleRow();
    }
}
