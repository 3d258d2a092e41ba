package dev.bazaar.payment;

import com.sun.net.httpserver.HttpServer;
import dev.bazaar.RunningShop;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import dev.bazaar.shared.web.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code BAZAAR_PSP=external} and {@code off} on one shop's data, as an operator would switch: first payments through
 * an external Payment System (here a small fake speaking the sandbox's protocol), then none at all.
 */
class PaymentSystemModesIntegrationTests {

    private static final String API_KEY = "sk_external_test";
    private static final String WEBHOOK_SECRET = "whsec_external_test";

    HttpServer psp;
    /** What the external Payment System was asked: "Authorization header|Idempotency-Key|body". */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger intents = new AtomicInteger();

    @BeforeEach
    void startExternalPaymentSystem() throws Exception {
        psp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        psp.createContext("/psp/v1/payment_intents", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(exchange.getRequestHeaders().getFirst("Authorization") + "|"
                    + exchange.getRequestHeaders().getFirst("Idempotency-Key") + "|" + body);
            byte[] answer = ("{\"id\":\"pi_ext_" + intents.incrementAndGet() + "\",\"status\":\"processing\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        psp.start();
    }

    @AfterEach
    void stop() {
        psp.stop(0);
    }

    @Test
    void anExternalPaymentSystemIsPaidThroughAndWithoutOneCheckoutAndRetriesAnswer503AndWriteNothing() throws Exception {
        try (var folder = RunningShop.Folder.open()) {
            String declined;
            TestApi customer;
            String sku;
            try (var shop = RunningShop.start(folder.dataDir(), "--bazaar.psp.mode=external",
                    "--bazaar.payment.sandbox.url=http://127.0.0.1:" + psp.getAddress().getPort(),
                    "--bazaar.payment.sandbox.api-key=" + API_KEY, "--bazaar.payment.sandbox.webhook-secret=" + WEBHOOK_SECRET)) {
                var api = shop.api();
                assertThat(api.as(API_KEY).with("Idempotency-Key", "k").post("/psp/v1/payment_intents",
                        Map.of("amount", 100, "currency", "EUR", "paymentToken", "tok_visa", "orderId", "o")).status())
                        .as("the built-in sandbox is not served").isEqualTo(404);

                var driver = new Shop(api);
                sku = driver.product("12.00", 5);
                customer = driver.newCustomer();
                String paid = driver.buy(customer, "tok_visa", Map.of(sku, 1)).text("id");
                String intent = awaitIntent(driver, paid);
                assertThat(calls.getFirst()).startsWith("Bearer " + API_KEY + "|auth:").contains("\"orderId\":\"" + paid + "\"");

                assertThat(webhook(api, "whsec_wrong", "payment_intent.succeeded", intent, paid).status())
                        .as("only the configured secret signs its events").isEqualTo(400);
                assertThat(webhook(api, WEBHOOK_SECRET, "payment_intent.succeeded", intent, paid).status()).isEqualTo(200);
                driver.awaitStatus(paid, "CONFIRMED");

                declined = driver.buy(customer, "tok_visa", Map.of(sku, 1)).text("id");
                assertThat(webhook(api, WEBHOOK_SECRET, "payment_intent.payment_failed", awaitIntent(driver, declined), declined)
                        .status()).isEqualTo(200);
                driver.awaitStatus(declined, "PAYMENT_FAILED");
            }

            try (var shop = RunningShop.start(folder.dataDir(), "--bazaar.psp.mode=off")) {
                var api = shop.api();
                var buyer = api.as(customer.token());
                assertThat(buyer.post("/api/cart/items", Map.of("sku", sku, "quantity", 2)).status()).isEqualTo(200);
                var orders = buyer.get("/api/orders").json().path("total").asInt();

                var checkout = new Shop(api).checkout(buyer, UUID.randomUUID().toString(), "tok_visa");
                assertThat(checkout.status()).as(checkout.toString()).isEqualTo(503);
                assertThat(checkout.text("type")).endsWith("/payments-unavailable");
                assertThat(checkout.json().path("status").asInt()).isEqualTo(503);
                assertThat(buyer.get("/api/cart").json().path("items").get(0).path("quantity").asInt()).as("the cart is kept").isEqualTo(2);
                assertThat(buyer.get("/api/orders").json().path("total").asInt()).as("no order was placed").isEqualTo(orders);

                var retry = buyer.with("Idempotency-Key", UUID.randomUUID().toString())
                        .post("/api/orders/" + declined + "/payments", Map.of("paymentToken", "tok_visa"));
                assertThat(retry.status()).as(retry.toString()).isEqualTo(503);
                assertThat(retry.text("type")).endsWith("/payments-unavailable");
                var order = buyer.get("/api/orders/" + declined).json();
                assertThat(order.path("status").asString()).isEqualTo("PAYMENT_FAILED");
                assertThat(order.path("timeline").size()).as("the refused retry left no entry").isEqualTo(2);

                assertThat(api.get("/psp/v1/payment_intents/pi_1").status()).isEqualTo(404);
                assertThat(calls).as("nothing more was asked of any Payment System").hasSize(2);
            }
        }
    }

    /** Waits until the order's payment names the intent the external Payment System answered. */
    private static String awaitIntent(Shop driver, String order) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !driver.staff().get("/api/orders/" + order).json()
                .path("payment").path("intentId").asString().isEmpty());
        return driver.staff().get("/api/orders/" + order).json().path("payment").path("intentId").asString();
    }

    private static TestApi.Response webhook(TestApi api, String secret, String type, String intent, String order) {
        String body = TestApi.JSON.writeValueAsString(Map.of("id", "evt_" + UUID.randomUUID(), "type", type,
                "created", Instant.now().getEpochSecond(), "data", Map.of("intentId", intent, "orderId", order,
                        "amount", Map.of("amount", "17.18", "currency", "EUR"), "failureCode", "card_declined")));
        return api.with(WebhookSignature.HEADER, WebhookSignature.sign(secret, Instant.now(), body))
                .postRaw("/api/payments/webhooks/sandbox", body);
    }
}
