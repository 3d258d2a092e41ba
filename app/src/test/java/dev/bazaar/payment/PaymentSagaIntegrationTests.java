package dev.bazaar.payment;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import dev.bazaar.platform.secrets.Secrets;
import dev.bazaar.shared.web.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The payment saga over real HTTP between shop and sandbox PSP, with signed webhooks. */
@BazaarIntegrationTest
class PaymentSagaIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    Secrets secrets;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    TestApi api;
    Shop shop;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        shop = new Shop(api);
    }

    @Test
    void paidOrderIsConfirmedAndItsStockAllocated() {
        String sku = shop.product("10.00", 5);
        String other = shop.product("3.00", 4);
        String order = shop.buy(shop.newCustomer(), "tok_visa", Map.of(sku, 2, other, 1)).text("id");

        shop.awaitStatus(order, "CONFIRMED");
        var json = shop.staff().get("/api/orders/" + order).json();
        assertThat(json.path("payment").path("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(json.path("payment").path("authorizedAmount")).isEqualTo(json.path("total"));
        assertThat(json.path("payment").path("intentId").asString()).startsWith("pi_");
        assertThat(shop.stock(sku, "reserved")).isZero();
        assertThat(shop.stock(sku, "allocated")).isEqualTo(2);
        assertThat(shop.stock(other, "reserved")).isZero();
        assertThat(shop.stock(other, "allocated")).isEqualTo(1);
        for (String each : List.of(sku, other)) {
            assertThat(jdbc.sql("select reason from inventory.movements where sku = :sku and reference = :ref order by id")
                    .param("sku", each).param("ref", "order:" + order).query(String.class).list())
                    .as("the ledger of " + each).containsExactly("RESERVATION", "ALLOCATION");
        }
    }

    @Test
    void declinedPaymentCanBeRetriedOnceAndThenConfirms() {
        String sku = shop.product("10.00", 5);
        var customer = shop.newCustomer();
        String order = shop.buy(customer, "tok_declined", Map.of(sku, 1)).text("id");
        shop.awaitStatus(order, "PAYMENT_FAILED");
        assertThat(shop.staff().get("/api/orders/" + order).json().path("timeline").get(1).path("note").asString())
                .contains("card_declined");

        String key = UUID.randomUUID().toString();
        var retry = customer.with("Idempotency-Key", key).post("/api/orders/" + order + "/payments", Map.of("paymentToken", "tok_visa"));
        assertThat(retry.status()).isEqualTo(202);
        var replay = customer.with("Idempotency-Key", key).post("/api/orders/" + order + "/payments", Map.of("paymentToken", "tok_visa"));
        assertThat(replay.status()).isEqualTo(202);
        shop.awaitStatus(order, "CONFIRMED");

        assertThat(attempts(order)).isEqualTo(2);
        var timeline = statuses(order);
        assertThat(timeline).containsExactly("PENDING_PAYMENT", "PAYMENT_FAILED", "PENDING_PAYMENT", "CONFIRMED");
        var payingAConfirmedOrder = customer.with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/orders/" + order + "/payments", Map.of("paymentToken", "tok_visa"));
        assertThat(payingAConfirmedOrder.status()).as("only a failed payment may be retried").isEqualTo(409);
        assertThat(payingAConfirmedOrder.json().path("status").asInt()).isEqualTo(409);
        assertThat(payingAConfirmedOrder.text("orderStatus")).isEqualTo("CONFIRMED");
    }

    @Test
    void duplicateWebhookConfirmsTheOrderOnce() {
        String sku = shop.product("10.00", 5);
        String order = shop.buy(shop.newCustomer(), "tok_duplicate_webhook", Map.of(sku, 1)).text("id");
        shop.awaitStatus(order, "CONFIRMED");
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(statuses(order)).containsExactly("PENDING_PAYMENT", "CONFIRMED");
        assertThat(jdbc.sql("select count(*) from psp.webhook_deliveries d join psp.intents i on d.payload like '%' || i.id || '%' where i.order_id = :order and d.delivered_at is not null")
                .param("order", order).query(Long.class).single()).as("the PSP really sent it twice").isEqualTo(2);
    }

    @Test
    void slowPaymentIsConfirmedAfterSomeSeconds() {
        String sku = shop.product("10.00", 5);
        Instant placed = Instant.now();
        String order = shop.buy(shop.newCustomer(), "tok_slow", Map.of(sku, 1)).text("id");
        assertThat(shop.status(order)).isEqualTo("PENDING_PAYMENT");
        shop.awaitStatus(order, "CONFIRMED");
        assertThat(Duration.between(placed, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void forgedStaleUnknownAndReplayedWebhooksChangeNothing() {
        String sku = shop.product("10.00", 5);
        String order = shop.buy(shop.newCustomer(), "tok_slow", Map.of(sku, 1)).text("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> intentOf(order) != null);
        String intent = intentOf(order);

        String failed = event("evt_" + UUID.randomUUID(), "payment_intent.payment_failed", intent, order);
        assertThat(webhook(failed, "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64)).status()).isEqualTo(400);
        assertThat(webhook(failed, WebhookSignature.sign(secret(), Instant.now().minusSeconds(301), failed)).status()).isEqualTo(400);
        assertThat(webhook(failed, WebhookSignature.sign("not-the-secret", Instant.now(), failed)).status()).isEqualTo(400);
        assertThat(webhook(failed, null).status()).isEqualTo(400);
        assertThat(shop.status(order)).isEqualTo("PENDING_PAYMENT");

        String unknown = event("evt_" + UUID.randomUUID(), "payment_intent.succeeded", "pi_unknown", UUID.randomUUID().toString());
        assertThat(webhook(unknown, sign(unknown)).status()).isEqualTo(200);

        String succeeded = event("evt_" + UUID.randomUUID(), "payment_intent.succeeded", intent, order);
        assertThat(webhook(succeeded, sign(succeeded)).status()).isEqualTo(200);
        shop.awaitStatus(order, "CONFIRMED");
        assertThat(webhook(succeeded, sign(succeeded)).status()).as("replayed event id").isEqualTo(200);
        String lateFailure = event("evt_" + UUID.randomUUID(), "payment_intent.payment_failed", intent, order);
        assertThat(webhook(lateFailure, sign(lateFailure)).status()).isEqualTo(200);

        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> true);
        assertThat(statuses(order)).containsExactly("PENDING_PAYMENT", "CONFIRMED");
        assertThat(api.post("/api/payments/webhooks/stripe", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void eventThatOvertakesItsIntentIsRefusedUntilTheIntentIsStoredAndThenDecidesOnce() {
        String order = orderWhoseIntentIsNotStoredYet();

        String intent = "pi_overtaking_" + UUID.randomUUID();
        String early = event("evt_" + UUID.randomUUID(), "payment_intent.succeeded", intent, order);
        var refused = webhook(early, sign(early));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text("type")).endsWith("/retry-later");

        jdbc.sql("update payment.payments set intent_id = :i where order_id = :o").param("i", intent)
                .param("o", UUID.fromString(order)).update();
        assertThat(webhook(early, sign(early)).status()).as("the same event, retried").isEqualTo(200);
        shop.awaitStatus(order, "CONFIRMED");
        assertThat(webhook(early, sign(early)).status()).as("and replayed").isEqualTo(200);
        assertThat(statuses(order)).containsExactly("PENDING_PAYMENT", "CONFIRMED");
    }

    @Test
    void eventThatOvertakesItsIntentButNamesItsPaymentDecidesAtOnceAndOnlyForThatPaymentsOrderAndAmount() {
        String order = orderWhoseIntentIsNotStoredYet();
        String payment = jdbc.sql("select id from payment.payments where order_id = :o").param("o", UUID.fromString(order))
                .query(String.class).single();
        var total = new java.math.BigDecimal(shop.staff().get("/api/orders/" + order).json().path("total").path("amount").asString());
        String intent = "pi_answer_lost_" + UUID.randomUUID();

        String otherAmount = forPayment(event("evt_" + UUID.randomUUID(), "payment_intent.succeeded", intent, order), payment,
                total.add(new java.math.BigDecimal("0.01")));
        assertThat(webhook(otherAmount, sign(otherAmount)).status()).as("not the payment's amount").isEqualTo(503);
        String otherOrder = forPayment(event("evt_" + UUID.randomUUID(), "payment_intent.succeeded", intent,
                UUID.randomUUID().toString()), payment, total);
        assertThat(webhook(otherOrder, sign(otherOrder)).status()).as("not the payment's order").isEqualTo(200);
        assertThat(intentOf(order)).isNull();

        String early = forPayment(event("evt_" + UUID.randomUUID(), "payment_intent.succeeded", intent, order), payment, total);
        assertThat(webhook(early, sign(early)).status()).isEqualTo(200);
        assertThat(intentOf(order)).isEqualTo(intent);
        shop.awaitStatus(order, "CONFIRMED");
        assertThat(statuses(order)).containsExactly("PENDING_PAYMENT", "CONFIRMED");
    }

    @Test
    void cancellingAnAuthorisedOrderVoidsItAndReleasesTheStock() {
        String sku = shop.product("10.00", 3);
        var customer = shop.newCustomer();
        String order = shop.buy(customer, "tok_visa", Map.of(sku, 3)).text("id");
        shop.awaitStatus(order, "CONFIRMED");

        var cancelled = customer.post("/api/orders/" + order + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("payment").path("status").asString()).isEqualTo("VOIDED");
        assertThat(shop.stock(sku, "available")).isEqualTo(3);
        assertThat(shop.stock(sku, "allocated")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> "canceled".equals(
                jdbc.sql("select status from psp.intents where order_id = :o").param("o", order).query(String.class).single()));
    }

    @Test
    void callsToThePaymentSystemAreMeasuredPerOperationNotPerIntent() {
        for (int i = 0; i < 2; i++) {
            String sku = shop.product("10.00", 1);
            var customer = shop.newCustomer();
            String order = shop.buy(customer, "tok_visa", Map.of(sku, 1)).text("id");
            shop.awaitStatus(order, "CONFIRMED");
            assertThat(customer.post("/api/orders/" + order + "/cancel", null).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> "canceled".equals(
                    jdbc.sql("select status from psp.intents where order_id = :o").param("o", order).query(String.class).single()));
        }

        var uris = meters.find("http.client.requests").timers().stream().map(timer -> timer.getId().getTag("uri")).toList();
        assertThat(uris).contains("/psp/v1/payment_intents", "/psp/v1/payment_intents/{id}/cancel")
                .noneMatch(uri -> uri.contains("pi_"));
    }

    @Test
    void fiftyConcurrentCheckoutsWithMixedTokensAllEndSettledAndStockAddsUp() throws Exception {
        String sku = shop.product("4.00", 40);
        var tokens = List.of("tok_visa", "tok_declined", "tok_insufficient_funds", "tok_duplicate_webhook", "tok_mastercard");
        var customers = new ArrayList<TestApi>();
        for (int i = 0; i < 50; i++) {
            customers.add(shop.newCustomer());
        }
        var placed = new CopyOnWriteArrayList<String>();
        var paysWithSuccess = new java.util.concurrent.ConcurrentHashMap<String, Boolean>();
        var refused = new CopyOnWriteArrayList<Integer>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < customers.size(); i++) {
                var customer = customers.get(i);
                String token = tokens.get(i % tokens.size());
                executor.submit(() -> {
                    var response = shop.buy(customer, token, Map.of(sku, 1));
                    if (response.status() == 201) {
                        placed.add(response.text("id"));
                        paysWithSuccess.put(response.text("id"), !token.contains("declined") && !token.contains("insufficient"));
                    } else {
                        refused.add(response.status());
                    }
                });
            }
        }
        assertThat(placed).hasSize(40);
        assertThat(refused).hasSize(10).containsOnly(409);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                placed.stream().map(shop::status).allMatch(s -> s.equals("CONFIRMED") || s.equals("PAYMENT_FAILED")));
        long confirmed = placed.stream().map(shop::status).filter("CONFIRMED"::equals).count();
        long failed = placed.stream().map(shop::status).filter("PAYMENT_FAILED"::equals).count();
        long shouldConfirm = paysWithSuccess.values().stream().filter(ok -> ok).count();
        assertThat(confirmed).isEqualTo(shouldConfirm);
        assertThat(failed).isEqualTo(40 - shouldConfirm);
        assertThat(shop.stock(sku, "allocated")).isEqualTo((int) confirmed);
        assertThat(shop.stock(sku, "reserved")).isEqualTo((int) failed);
        assertThat(shop.stock(sku, "available")).isZero();
    }

    private List<String> statuses(String order) {
        var list = new ArrayList<String>();
        shop.staff().get("/api/orders/" + order).json().path("timeline").forEach(e -> list.add(e.path("status").asString()));
        return list;
    }

    /** An order paid with a slow card, put back to before the shop stored its intent id, its own event withdrawn. */
    private String orderWhoseIntentIsNotStoredYet() {
        String sku = shop.product("10.00", 5);
        String order = shop.buy(shop.newCustomer(), "tok_slow", Map.of(sku, 1)).text("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> intentOf(order) != null);
        jdbc.sql("delete from psp.webhook_deliveries where payload like '%' || :o || '%'").param("o", order).update();
        jdbc.sql("update payment.payments set intent_id = null where order_id = :o").param("o", UUID.fromString(order)).update();
        return order;
    }

    private long attempts(String order) {
        return jdbc.sql("select count(*) from payment.payments where order_id = :o").param("o", UUID.fromString(order))
                .query(Long.class).single();
    }

    private String intentOf(String order) {
        return jdbc.sql("select intent_id from payment.payments where order_id = :o").param("o", UUID.fromString(order))
                .query(String.class).optional().orElse(null);
    }

    private String secret() {
        return secrets.configuredOrGenerated("psp-webhook", "");
    }

    private String sign(String body) {
        return WebhookSignature.sign(secret(), Instant.now(), body);
    }

    private static String event(String id, String type, String intent, String order) {
        return """
                {"id":"%s","type":"%s","created":%d,"data":{"intentId":"%s","orderId":"%s","amount":{"amount":"10.00","currency":"EUR"},"failureCode":"card_declined"}}"""
                .formatted(id, type, Instant.now().getEpochSecond(), intent, order);
    }

    /** The event as the provider sends it for an intent of this amount created with the shop's payment id in its metadata. */
    private static String forPayment(String event, String paymentId, java.math.BigDecimal amount) {
        return event.replace("\"10.00\"", "\"" + amount.toPlainString() + "\"")
                .replace("\"failureCode\"", "\"metadata\":{\"paymentId\":\"%s\"},\"failureCode\"".formatted(paymentId));
    }

    private TestApi.Response webhook(String body, String signature) {
        var call = signature == null ? api : api.with(WebhookSignature.HEADER, signature);
        return call.postRaw("/api/payments/webhooks/sandbox", body);
    }
}
