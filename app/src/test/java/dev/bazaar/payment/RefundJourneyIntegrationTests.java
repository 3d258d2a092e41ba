package dev.bazaar.payment;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Phase 3 end to end: paid orders ship in parts (capturing as they go), arrive, and admins refund within limits. */
@BazaarIntegrationTest
class RefundJourneyIntegrationTests {

    @LocalServerPort
    int port;
    TestApi api;
    Shop shop;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        shop = new Shop(api);
    }

    @Test
    void customerBuysPaysStaffShipsInTwoPartsItArrivesAndAdminRefundsOneLine() {
        String tee = shop.product("19.99", 10);
        String mug = shop.product("7.50", 10);
        var customer = shop.newCustomer();
        var placed = shop.buy(customer, "tok_visa", Map.of(tee, 2, mug, 1));
        String order = placed.text("id");
        String total = placed.json().path("total").path("amount").asString();
        shop.awaitStatus(order, "CONFIRMED");

        var first = shop.staff().post("/api/fulfillment/orders/" + order + "/shipments", Map.of("carrier", "DHL",
                "trackingNumber", "JD-1", "items", List.of(Map.of("sku", tee, "quantity", 2))));
        assertThat(first.status()).isEqualTo(201);
        assertThat(shop.status(order)).isEqualTo("PARTIALLY_SHIPPED");
        var rest = shop.staff().post("/api/fulfillment/orders/" + order + "/shipments", Map.of("carrier", "DHL", "trackingNumber", "JD-2"));
        assertThat(rest.status()).isEqualTo(201);
        assertThat(shop.status(order)).isEqualTo("SHIPPED");

        var payment = shop.staff().get("/api/orders/" + order).json().path("payment");
        assertThat(payment.path("capturedAmount").path("amount").asString()).as("captures add up to the total").isEqualTo(total);
        assertThat(payment.path("status").asString()).isEqualTo("CAPTURED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pspCaptured(order)).isEqualTo(total));

        shop.staff().post("/api/fulfillment/shipments/" + first.text("id") + "/delivered", null);
        shop.staff().post("/api/fulfillment/shipments/" + rest.text("id") + "/delivered", null);
        assertThat(shop.status(order)).isEqualTo("DELIVERED");

        String key = UUID.randomUUID().toString();
        var refund = refund(order, "7.50", "mug arrived broken", key);
        assertThat(refund.status()).isEqualTo(201);
        assertThat(refund.json().path("amount").path("amount").asString()).isEqualTo("7.50");
        assertThat(refund(order, "7.50", "mug arrived broken", key).text("id")).as("replay").isEqualTo(refund.text("id"));
        var after = shop.staff().get("/api/orders/" + order).json();
        assertThat(after.path("payment").path("refundedAmount").path("amount").asString()).isEqualTo("7.50");
        assertThat(after.path("payment").path("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(after.path("status").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void refundsNeverExceedWhatWasCapturedAndAFullRefundIsRefunded() {
        String sku = shop.product("10.00", 5);
        String order = shippedOrder(sku);
        String total = shop.staff().get("/api/orders/" + order).json().path("total").path("amount").asString();

        assertThat(refund(order, new BigDecimal(total).add(new BigDecimal("0.01")).toPlainString(), "too much",
                UUID.randomUUID().toString()).status()).isEqualTo(409);
        assertThat(refund(order, "0.00", "nothing", UUID.randomUUID().toString()).status()).isEqualTo(400);
        assertThat(refund(order, "-1.00", "negative", UUID.randomUUID().toString()).status()).isEqualTo(400);
        assertThat(refund(order, "5.00", "half", UUID.randomUUID().toString()).status()).isEqualTo(201);
        assertThat(refund(order, total, "the rest and more", UUID.randomUUID().toString()).status()).isEqualTo(409);
        String left = new BigDecimal(total).subtract(new BigDecimal("5.00")).toPlainString();
        assertThat(refund(order, left, "the rest", UUID.randomUUID().toString()).status()).isEqualTo(201);
        assertThat(shop.staff().get("/api/orders/" + order).json().path("payment").path("status").asString()).isEqualTo("REFUNDED");
        assertThat(refund(order, "0.01", "more", UUID.randomUUID().toString()).status()).isEqualTo(409);
    }

    @Test
    void aCancelledOrderHasNothingToRefund() {
        String sku = shop.product("10.00", 5);
        var customer = shop.newCustomer();
        String order = shop.buy(customer, "tok_visa", Map.of(sku, 1)).text("id");
        shop.awaitStatus(order, "CONFIRMED");
        customer.post("/api/orders/" + order + "/cancel", null);

        assertThat(refund(order, "1.00", "cancelled anyway", UUID.randomUUID().toString()).status()).isEqualTo(409);
        assertThat(refund(UUID.randomUUID().toString(), "1.00", "who", UUID.randomUUID().toString()).status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsRefund() {
        String sku = shop.product("10.00", 5);
        String order = shippedOrder(sku);
        var body = Map.of("amount", Map.of("amount", "1.00", "currency", "EUR"), "reason", "goodwill");
        assertThat(api.with("Idempotency-Key", "k").post("/api/admin/orders/" + order + "/refunds", body).status()).isEqualTo(401);
        assertThat(shop.staff().with("Idempotency-Key", "k").post("/api/admin/orders/" + order + "/refunds", body).status()).isEqualTo(403);
        assertThat(shop.newCustomer().with("Idempotency-Key", "k").post("/api/admin/orders/" + order + "/refunds", body).status()).isEqualTo(403);
        assertThat(shop.admin().post("/api/admin/orders/" + order + "/refunds", body).status()).as("no Idempotency-Key").isEqualTo(400);
    }

    private String shippedOrder(String sku) {
        String order = shop.buy(shop.newCustomer(), "tok_visa", Map.of(sku, 1)).text("id");
        shop.awaitStatus(order, "CONFIRMED");
        assertThat(shop.staff().post("/api/fulfillment/orders/" + order + "/shipments",
                Map.of("carrier", "UPS", "trackingNumber", "1Z")).status()).isEqualTo(201);
        return order;
    }

    private TestApi.Response refund(String order, String amount, String reason, String key) {
        return shop.admin().with("Idempotency-Key", key).post("/api/admin/orders/" + order + "/refunds",
                Map.of("amount", Map.of("amount", amount, "currency", "EUR"), "reason", reason));
    }

    private String pspCaptured(String order) {
        var intent = shop.staff().get("/api/orders/" + order).json().path("payment").path("intentId").asString();
        return intent.isBlank() ? "" : new BigDecimal(captured(intent)).movePointLeft(2).toPlainString();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long captured(String intent) {
        return jdbc.sql("select captured from psp.intents where id = :id").param("id", intent).query(Long.class).single();
    }
}
