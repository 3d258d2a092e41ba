package dev.bazaar;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drives the shop through its HTTP API the way its actors do, for tests that walk whole journeys. */
public class Shop {

    private final TestApi api;
    private final TestApi admin;
    private final TestApi staff;

    public Shop(TestApi api) {
        this.api = api;
        this.admin = api.as(api.admin());
        this.staff = api.as(api.newStaff());
    }

    public TestApi admin() {
        return admin;
    }

    public TestApi staff() {
        return staff;
    }

    /** A new product with one variant at this price and this much stock; answers its SKU. */
    public String product(String price, int stock) {
        String sku = "SH-" + UUID.randomUUID().toString().substring(0, 12);
        var created = admin.post("/api/admin/products", Map.of("name", "Test product " + sku,
                "description", "A product made by a test", "category", "tests",
                "variants", List.of(Map.of("sku", sku, "title", "One size", "price", Map.of("amount", price, "currency", "EUR")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        restock(sku, stock);
        return sku;
    }

    public void restock(String sku, int units) {
        if (units > 0) {
            var restocked = staff.with("Idempotency-Key", UUID.randomUUID().toString())
                    .post("/api/inventory/" + sku + "/adjustments", Map.of("delta", units, "reason", "RESTOCK"));
            assertThat(restocked.status()).isEqualTo(200);
        }
    }

    public TestApi newCustomer() {
        return api.as(api.newCustomer());
    }

    /** Puts these SKU quantities in the customer's cart and checks out with the token; answers the response. */
    public TestApi.Response buy(TestApi customer, String token, Map<String, Integer> items) {
        items.forEach((sku, quantity) -> assertThat(customer.post("/api/cart/items", Map.of("sku", sku, "quantity", quantity))
                .status()).isEqualTo(200));
        return checkout(customer, UUID.randomUUID().toString(), token);
    }

    public TestApi.Response checkout(TestApi customer, String key, String token) {
        return customer.with("Idempotency-Key", key).post("/api/checkout", Map.of("shippingAddress", address(),
                "shippingMethod", "STANDARD", "paymentToken", token));
    }

    public static Map<String, String> address() {
        return Map.of("name", "Ada Lovelace", "line1", "1 Main Street", "city", "Berlin", "postalCode", "10115", "country", "DE");
    }

    public String status(String orderId) {
        return staff.get("/api/orders/" + orderId).text("status");
    }

    /** Waits (at most 20 s) until the order has this status. */
    public void awaitStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(status(orderId)).isEqualTo(status));
    }

    public int stock(String sku, String field) {
        return staff.get("/api/inventory/" + sku).json().path(field).asInt();
    }
}
