package dev.bazaar.notification.internal;

import dev.bazaar.BazaarModuleTest;
import dev.bazaar.inventory.StockLow;
import dev.bazaar.shared.ids.Sku;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification module hearing the other modules' events, with all the modules it reads from (order's own
 * neighbours among them): what it records for the webhook subscriptions that asked for a change.
 */
@BazaarModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class NotificationModuleTests {

    @Autowired
    Webhooks webhooks;
    @Autowired
    JdbcClient jdbc;

    Webhooks.Subscription lowStockWatcher;

    @BeforeEach
    void aSubscriptionToLowStock() {
        // a receiver that is not there: deliveries are only recorded here, never sent
        lowStockWatcher = webhooks.subscribe("http://127.0.0.1:9/low-stock", List.of("stock.low"), Instant.now());
    }

    @AfterEach
    void unsubscribe() {
        webhooks.unsubscribe(lowStockWatcher.id());
    }

    @Test
    void aLowStockCrossingIsAnnouncedToTheWebhooksThatAskedForIt(Scenario scenario) {
        var low = lowStock();

        scenario.publish(low)
                .andWaitForStateChange(() -> payloadsFor(low), payloads -> !payloads.isEmpty())
                .andVerify(payloads -> {
                    assertThat(payloads).singleElement().asString()
                            .contains("\"type\":\"stock.low\"").contains("\"sku\":\"" + low.sku().value() + "\"")
                            .contains("\"available\":2").contains("\"threshold\":5");
                    assertThat(deliveriesTo(lowStockWatcher)).isOne();
                });
    }

    @Test
    void aLowStockEventDeliveredAgainIsNotAnnouncedAgain(Scenario scenario) {
        var low = lowStock();
        scenario.publish(low).andWaitForStateChange(() -> payloadsFor(low), payloads -> !payloads.isEmpty())
                .andVerify(payloads -> assertThat(payloads).hasSize(1));

        // as the outbox redelivers an event whose first delivery it did not see complete
        scenario.publish(low)
                .andWaitForStateChange(() -> publicationsNaming(low.sku()), left -> left == 0)
                .andVerify(left -> {
                    assertThat(payloadsFor(low)).hasSize(1);
                    assertThat(deliveriesTo(lowStockWatcher)).isOne();
                });
    }

    private static StockLow lowStock() {
        return new StockLow(new Sku("N-" + UUID.randomUUID().toString().substring(0, 13)), 2, 5,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private List<String> payloadsFor(StockLow low) {
        return jdbc.sql("select payload from notification.webhook_events where dedupe_key = :key")
                .param("key", "stock:" + low.sku() + ":" + low.at().toEpochMilli()).query(String.class).list();
    }

    private long deliveriesTo(Webhooks.Subscription subscription) {
        return jdbc.sql("select count(*) from notification.webhook_deliveries where subscription_id = :id")
                .param("id", subscription.id()).query(Long.class).single();
    }

    /** The listener has run once the event's publication has left the outbox (completed publications are deleted). */
    private long publicationsNaming(Sku sku) {
        return jdbc.sql("select count(*) from events.event_publication where serialized_event like '%' || :sku || '%'")
                .param("sku", sku.value()).query(Long.class).single();
    }
}
