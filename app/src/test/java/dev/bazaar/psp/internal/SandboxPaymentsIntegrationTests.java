package dev.bazaar.psp.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sandbox Payment System writes an intent and the webhook(s) that will announce its outcome in one go. */
@BazaarIntegrationTest
class SandboxPaymentsIntegrationTests {

    @Autowired
    SandboxPayments sandbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PspSettings settings;
    @LocalServerPort
    int port;

    @Test
    void creatingAnIntentTwiceWithOneKeyMakesOneIntentAndOneWebhook() {
        String key = "test:" + UUID.randomUUID();
        String order = UUID.randomUUID().toString();

        var first = sandbox.create(key, 1990, "EUR", "tok_visa", order, Map.of());
        var replay = sandbox.create(key, 1990, "EUR", "tok_visa", order, Map.of());

        assertThat(replay.id()).isEqualTo(first.id());
        assertThat(jdbc.sql("select count(*) from psp.intents where idempotency_key = :key").param("key", key)
                .query(Integer.class).single()).isOne();
        assertThat(deliveriesOf(first.id())).isEqualTo(new Deliveries(1, 1));
        assertThat(payloadOf(first.id())).contains("\"payment_intent.succeeded\"", "\"orderId\":\"" + order + "\"",
                "\"amount\":\"19.90\"");
    }

    @Test
    void theOutcomeEventCarriesBackTheMetadataTheIntentWasCreatedWith() {
        String payment = UUID.randomUUID().toString();
        var intent = sandbox.create("test:" + UUID.randomUUID(), 500, "EUR", "tok_visa", UUID.randomUUID().toString(),
                Map.of("paymentId", payment));

        assertThat(payloadOf(intent.id())).contains("\"metadata\":{\"paymentId\":\"" + payment + "\"}");
    }

    @Test
    void anIntentAboveTheLargestPaymentIsRefusedAndOneAtItIsTaken() {
        // the shop's adapter states this limit (SandboxGateway.largestPayment), and checkout refuses orders above it
        var psp = new TestApi(port).as(settings.apiKey());
        var atLimit = psp.with("Idempotency-Key", "test:" + UUID.randomUUID()).post("/psp/v1/payment_intents",
                Map.of("amount", 100_000_000_00L, "currency", "EUR", "paymentToken", "tok_visa", "orderId", "o1"));
        var above = psp.with("Idempotency-Key", "test:" + UUID.randomUUID()).post("/psp/v1/payment_intents",
                Map.of("amount", 100_000_000_01L, "currency", "EUR", "paymentToken", "tok_visa", "orderId", "o2"));

        assertThat(atLimit.status()).as(atLimit.toString()).isEqualTo(200);
        assertThat(above.status()).as(above.toString()).isEqualTo(400);
    }

    @Test
    void metadataBeyondItsLimitsIsRefusedAndCreatesNothing() {
        String order = UUID.randomUUID().toString();
        var tooMany = IntStream.range(0, 21).boxed().collect(Collectors.toMap(i -> "key" + i, i -> "value"));
        for (var metadata : java.util.List.of(tooMany, Map.of("k", "v".repeat(501)), Map.of("k".repeat(41), "v"))) {
            var refused = new TestApi(port).as(settings.apiKey()).with("Idempotency-Key", "test:" + UUID.randomUUID())
                    .post("/psp/v1/payment_intents", Map.of("amount", 500, "currency", "EUR", "paymentToken", "tok_visa",
                            "orderId", order, "metadata", metadata));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(jdbc.sql("select count(*) from psp.intents where order_id = :order").param("order", order)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aDuplicateWebhookTokenSchedulesOneEventTwice() {
        var intent = sandbox.create("test:" + UUID.randomUUID(), 500, "EUR", "tok_duplicate_webhook", UUID.randomUUID().toString(), Map.of());

        assertThat(deliveriesOf(intent.id())).isEqualTo(new Deliveries(2, 1));
    }

    @Test
    void aDeclinedCardsWebhookCarriesItsFailure() {
        var intent = sandbox.create("test:" + UUID.randomUUID(), 500, "EUR", "tok_declined", UUID.randomUUID().toString(), Map.of());

        assertThat(deliveriesOf(intent.id())).isEqualTo(new Deliveries(1, 1));
        assertThat(payloadOf(intent.id())).contains("\"payment_intent.payment_failed\"", "\"failureCode\":\"card_declined\"");
    }

    @Test
    void webhooksTheShopTookAreMarkedDeliveredWithItsAnswer() {
        var intents = IntStream.range(0, 5).mapToObj(i -> sandbox.create("test:" + UUID.randomUUID(), 500, "EUR", "tok_visa",
                UUID.randomUUID().toString(), Map.of())).toList();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> intents.forEach(intent ->
                assertThat(jdbc.sql("select last_status from psp.webhook_deliveries where payload like :pattern and delivered_at is not null")
                        .param("pattern", "%" + intent.id() + "%").query(Integer.class).optional())
                        .as("the mark of %s's webhook", intent.id()).hasValueSatisfying(status -> assertThat(status).isBetween(200, 299))));
    }

    record Deliveries(int rows, int events) {
    }

    private Deliveries deliveriesOf(String intentId) {
        return jdbc.sql("select count(*) as rows, count(distinct event_id) as events from psp.webhook_deliveries where payload like :pattern")
                .param("pattern", "%" + intentId + "%")
                .query((rs, n) -> new Deliveries(rs.getInt("rows"), rs.getInt("events"))).single();
    }

    private String payloadOf(String intentId) {
        return jdbc.sql("select payload from psp.webhook_deliveries where payload like :pattern limit 1")
                .param("pattern", "%" + intentId + "%").query(String.class).single();
    }
}
