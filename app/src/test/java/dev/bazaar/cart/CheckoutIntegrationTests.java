package dev.bazaar.cart;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkout over real HTTP: server-side prices, stock reserved at once, never oversold, idempotent. */
@BazaarIntegrationTest
class CheckoutIntegrationTests {

    @LocalServerPort
    int port;
    TestApi api;
    TestApi staff;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        staff = api.as(api.newStaff());
    }

    @Test
    void checkoutPricesTheCartReservesStockAndEmptiesTheCart() {
        String sku = product("19.99", 5);
        var customer = api.as(api.newCustomer());
        customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 2, "unitPrice", Map.of("amount", "0.01", "currency", "EUR")));

        var order = checkout(customer, UUID.randomUUID().toString(), address("DE"), "STANDARD");
        assertThat(order.status()).isEqualTo(201);
        assertThat(order.headers().firstValue("Location")).hasValue("/api/orders/" + order.text("id"));
        var json = order.json();
        assertThat(json.path("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(json.path("items").get(0).path("unitPrice").path("amount").asString()).isEqualTo("19.99");
        assertThat(json.path("subtotal").path("amount").asString()).isEqualTo("39.98");
        assertThat(json.path("shipping").path("amount").asString()).isEqualTo("4.90");
        // (39.98 + 4.90) * 19 % = 8.5272 -> 8.53
        assertThat(json.path("tax").path("amount").asString()).isEqualTo("8.53");
        assertThat(json.path("total").path("amount").asString()).isEqualTo("53.41");
        assertThat(json.path("payment").path("status").asString()).isEqualTo("PENDING");
        assertThat(json.path("shipments").size()).isZero();
        assertThat(customer.get("/api/cart").json().path("items").size()).isZero();
        assertThat(held(sku)).isEqualTo(2);
    }

    @Test
    void hundredCustomersRacingForTheLastTenUnitsGetExactlyTenOrders() throws Exception {
        String sku = product("5.00", 10);
        var customers = new ArrayList<TestApi>();
        for (int i = 0; i < 100; i++) {
            var customer = api.as(api.newCustomer());
            customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 1));
            customers.add(customer);
        }
        var statuses = new CopyOnWriteArrayList<Integer>();
        var start = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var customer : customers) {
                executor.submit(() -> {
                    start.await();
                    statuses.add(checkout(customer, UUID.randomUUID().toString(), address("FR"), "EXPRESS").status());
                    return null;
                });
            }
            start.countDown();
        }
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(90);
        var level = staff.get("/api/inventory/" + sku).json();
        assertThat(level.path("reserved").asInt() + level.path("allocated").asInt()).isEqualTo(10);
        assertThat(level.path("available").asInt()).isZero();
    }

    /**
     * Checkout reads the cart, places the order and then takes the lines out: a unit added in between, to a line it
     * read or as a new line, was taken out unseen. Each round, one checkout runs while adders add single units.
     */
    @Test
    void everyUnitAddedDuringACheckoutIsInTheOrderOrStillInTheCart() throws Exception {
        String old = product("1.00", 5000);
        String fresh = product("2.00", 5000);
        for (int round = 0; round < 4; round++) {
            var customer = api.as(api.newCustomer());
            assertThat(customer.post("/api/cart/items", Map.of("sku", old, "quantity", 10)).status()).isEqualTo(200);
            var added = new java.util.concurrent.ConcurrentHashMap<String, Integer>(Map.of(old, 10, fresh, 0));
            var checkedOut = new CopyOnWriteArrayList<TestApi.Response>();
            var start = new CountDownLatch(1);
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int adder = 0; adder < 6; adder++) {
                    String sku = adder % 3 == 0 ? fresh : old;
                    executor.submit(() -> {
                        start.await();
                        for (int i = 0; i < 15; i++) {
                            var add = customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 1));
                            assertThat(add.status()).as(add.toString()).isEqualTo(200);
                            added.merge(sku, 1, Integer::sum);
                        }
                        return null;
                    });
                }
                executor.submit(() -> {
                    start.await();
                    checkedOut.add(checkout(customer, UUID.randomUUID().toString(), address("DE"), "STANDARD"));
                    return null;
                });
                start.countDown();
            }
            var order = checkedOut.getFirst();
            assertThat(order.status()).as(order.toString()).isEqualTo(201);
            var ordered = quantities(order.json().path("items"));
            var inCart = quantities(customer.get("/api/cart").json().path("items"));
            for (String sku : List.of(old, fresh)) {
                assertThat(ordered.getOrDefault(sku, 0) + inCart.getOrDefault(sku, 0)).as("units of " + sku + " in round " + round)
                        .isEqualTo(added.get(sku));
            }
            assertThat(held(old) + held(fresh)).isEqualTo(totalHeldBefore + ordered.values().stream().mapToInt(i -> i).sum());
            totalHeldBefore = held(old) + held(fresh);
        }
    }

    private int totalHeldBefore;

    private static Map<String, Integer> quantities(tools.jackson.databind.JsonNode items) {
        var quantities = new HashMap<String, Integer>();
        items.forEach(item -> quantities.merge(item.path("sku").asString(), item.path("quantity").asInt(), Integer::sum));
        return quantities;
    }

    @Test
    void outOfStockNamesTheSkusAndKeepsTheCart() {
        String plenty = product("3.00", 10);
        String scarce = product("4.00", 1);
        var customer = api.as(api.newCustomer());
        customer.post("/api/cart/items", Map.of("sku", plenty, "quantity", 1));
        customer.post("/api/cart/items", Map.of("sku", scarce, "quantity", 2));

        var refused = checkout(customer, UUID.randomUUID().toString(), address("DE"), "STANDARD");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).endsWith("/out-of-stock");
        assertThat(refused.json().path("skus").toString()).isEqualTo("[\"" + scarce + "\"]");
        assertThat(customer.get("/api/cart").json().path("items").size()).isEqualTo(2);
        assertThat(staff.get("/api/inventory/" + plenty).json().path("reserved").asInt()).isZero();
    }

    @Test
    void aReplayedCheckoutAnswersTheSameOrderAndPlacesOne() {
        String sku = product("7.00", 5);
        var customer = api.as(api.newCustomer());
        customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 1));
        String key = UUID.randomUUID().toString();

        var first = checkout(customer, key, address("DE"), "STANDARD");
        var replay = checkout(customer, key, address("DE"), "STANDARD");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.text("id")).isEqualTo(first.text("id"));
        assertThat(customer.get("/api/orders").json().path("total").asInt()).isEqualTo(1);

        var otherBody = checkout(customer, key, address("FR"), "STANDARD");
        assertThat(otherBody.status()).isEqualTo(422);
    }

    @Test
    void concurrentCheckoutsWithOneKeyPlaceExactlyOneOrder() throws Exception {
        String sku = product("7.00", 50);
        var customer = api.as(api.newCustomer());
        customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 1));
        String key = UUID.randomUUID().toString();
        var ids = new CopyOnWriteArrayList<String>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                executor.submit(() -> {
                    var response = checkout(customer, key, address("DE"), "STANDARD");
                    if (response.status() == 201) {
                        ids.add(response.text("id"));
                    }
                });
            }
        }
        assertThat(ids).hasSize(10).containsOnly(ids.getFirst());
        assertThat(customer.get("/api/orders").json().path("total").asInt()).isEqualTo(1);
        assertThat(held(sku)).isEqualTo(1);
    }

    @Test
    void anAddAnswersTheWholeCartInTheOrderLinesWereFirstAdded() {
        String first = product("1.00", 5);
        String second = product("2.50", 5);
        var customer = api.as(api.newCustomer());
        customer.post("/api/cart/items", Map.of("sku", first, "quantity", 1));
        customer.post("/api/cart/items", Map.of("sku", second, "quantity", 2));

        var cart = customer.post("/api/cart/items", Map.of("sku", first, "quantity", 3));

        assertThat(cart.status()).isEqualTo(200);
        var items = cart.json().path("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(0).path("sku").asString()).isEqualTo(first);
        assertThat(items.get(0).path("quantity").asInt()).isEqualTo(4);
        assertThat(items.get(1).path("sku").asString()).isEqualTo(second);
        assertThat(items.get(1).path("quantity").asInt()).isEqualTo(2);
        assertThat(cart.json().path("subtotal").path("amount").asString()).isEqualTo("9.00");
        assertThat(customer.get("/api/cart").json()).isEqualTo(cart.json());
    }

    @Test
    void badCartInputIsRefusedAndChangesNothing() {
        String sku = product("2.00", 5);
        var customer = api.as(api.newCustomer());
        assertThat(customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 0)).status()).isEqualTo(400);
        assertThat(customer.post("/api/cart/items", Map.of("sku", sku, "quantity", -3)).status()).isEqualTo(400);
        assertThat(customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 1001)).status()).isEqualTo(400);
        assertThat(customer.postRaw("/api/cart/items", "{\"sku\":\"" + sku + "\",\"quantity\":1.5}").status()).isEqualTo(400);
        assertThat(customer.postRaw("/api/cart/items", "{\"sku\":\"" + sku + "\",\"quantity\":\"2\"}").status()).isEqualTo(400);
        assertThat(customer.postRaw("/api/cart/items", "{\"sku\":\"" + sku + "\",\"quantity\":null}").status()).isEqualTo(400);
        assertThat(customer.postRaw("/api/cart/items", "{\"sku\":\"" + sku + "\",\"quantity\":99999999999}").status()).isEqualTo(400);
        assertThat(customer.post("/api/cart/items", Map.of("sku", "NO-SUCH-SKU-" + UUID.randomUUID(), "quantity", 1)).status()).isEqualTo(404);
        assertThat(customer.put("/api/cart/items/%2E%2E", Map.of("quantity", 1)).status()).isEqualTo(404);
        assertThat(customer.get("/api/cart").json().path("items").size()).isZero();

        customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 600));
        assertThat(customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 600)).status()).isEqualTo(400);
        assertThat(customer.put("/api/cart/items/" + sku, Map.of("quantity", 3)).json().path("items").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(customer.put("/api/cart/items/" + sku, Map.of("quantity", 0)).json().path("items").size()).isZero();
    }

    @Test
    void badCheckoutInputIsRefusedAndKeepsTheCart() {
        String sku = product("2.00", 5);
        var customer = api.as(api.newCustomer());
        customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 1));

        var noCountry = new HashMap<>(address("DE"));
        noCountry.remove("country");
        assertThat(checkout(customer, UUID.randomUUID().toString(), noCountry, "STANDARD").status()).isEqualTo(400);
        assertThat(checkout(customer, UUID.randomUUID().toString(), address("XX"), "STANDARD").status()).isEqualTo(400);
        var longName = new HashMap<>(address("DE"));
        longName.put("name", "n".repeat(201));
        assertThat(checkout(customer, UUID.randomUUID().toString(), longName, "STANDARD").status()).isEqualTo(400);
        assertThat(checkout(customer, UUID.randomUUID().toString(), address("DE"), "TELEPORT").status()).isEqualTo(400);
        assertThat(customer.post("/api/checkout", Map.of("shippingAddress", address("DE"), "shippingMethod", "STANDARD",
                "paymentToken", "tok_visa")).status()).as("no Idempotency-Key").isEqualTo(400);
        assertThat(customer.with("Idempotency-Key", "k".repeat(256)).post("/api/checkout", Map.of("shippingAddress",
                address("DE"), "shippingMethod", "STANDARD", "paymentToken", "tok_visa")).status()).isEqualTo(400);
        assertThat(customer.get("/api/cart").json().path("items").size()).isEqualTo(1);
        assertThat(staff.get("/api/inventory/" + sku).json().path("reserved").asInt()).isZero();
    }

    @Test
    void anOrderAboveWhatThePaymentSystemTakesInOnePaymentIsRefusedAndKeepsTheCart() {
        // the sandbox takes at most 100,000,000.00 in one payment: 100 units cost 119,000,000.00 with tax
        String sku = product("1000000.00", 100);
        var customer = api.as(api.newCustomer());
        customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 100));

        var refused = checkout(customer, UUID.randomUUID().toString(), address("DE"), "STANDARD");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("type")).endsWith("/order-total-too-large");
        assertThat(refused.json().path("maximum").path("amount").asString()).isEqualTo("100000000.00");
        assertThat(customer.get("/api/cart").json().path("items").get(0).path("quantity").asInt()).isEqualTo(100);
        assertThat(customer.get("/api/orders").json().path("total").asInt()).isZero();
        assertThat(held(sku)).isZero();

        customer.put("/api/cart/items/" + sku, Map.of("quantity", 80)); // 95,200,000.00
        var placed = checkout(customer, UUID.randomUUID().toString(), address("DE"), "STANDARD");
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().path("total").path("amount").asString()).isEqualTo("95200000.00");
        assertThat(held(sku)).isEqualTo(80);
    }

    @Test
    void emptyCartCannotCheckOut() {
        var customer = api.as(api.newCustomer());
        var response = checkout(customer, UUID.randomUUID().toString(), address("DE"), "STANDARD");
        assertThat(response.status()).isEqualTo(422);
    }

    @Test
    void archivedProductsCannotBeAddedOrBought() {
        var created = createProduct("9.00");
        String sku = created.json().path("variants").get(0).path("sku").asString();
        restock(sku, 5);
        var customer = api.as(api.newCustomer());
        customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 1));
        api.as(api.admin()).delete("/api/admin/products/" + created.text("id"));

        var add = customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 1));
        assertThat(add.status()).isEqualTo(409);
        assertThat(add.text("type")).endsWith("/unavailable");
        var buy = checkout(customer, UUID.randomUUID().toString(), address("DE"), "STANDARD");
        assertThat(buy.status()).isEqualTo(409);
        assertThat(buy.text("type")).endsWith("/unavailable");
    }

    @Test
    void ordersAndCartsAreTheirOwnersOnly() {
        String sku = product("2.00", 5);
        var owner = api.as(api.newCustomer());
        owner.post("/api/cart/items", Map.of("sku", sku, "quantity", 1));
        String orderId = checkout(owner, UUID.randomUUID().toString(), address("DE"), "STANDARD").text("id");

        var stranger = api.as(api.newCustomer());
        assertThat(stranger.get("/api/orders/" + orderId).status()).isEqualTo(404);
        assertThat(stranger.post("/api/orders/" + orderId + "/cancel", null).status()).isEqualTo(404);
        assertThat(stranger.get("/api/orders").json().path("total").asInt()).isZero();
        assertThat(staff.get("/api/orders/" + orderId).status()).isEqualTo(200);
        assertThat(staff.post("/api/orders/" + orderId + "/cancel", null).status()).isEqualTo(403);
        assertThat(staff.get("/api/cart").status()).isEqualTo(403);
        assertThat(api.get("/api/cart").status()).isEqualTo(401);
        assertThat(owner.get("/api/orders/not-a-uuid").status()).isEqualTo(404);
        assertThat(owner.get("/api/orders/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void theOwnerCancelsAndTheStockComesBack() {
        String sku = product("2.00", 1);
        var owner = api.as(api.newCustomer());
        owner.post("/api/cart/items", Map.of("sku", sku, "quantity", 1));
        String orderId = checkout(owner, UUID.randomUUID().toString(), address("DE"), "STANDARD").text("id");

        var cancelled = owner.post("/api/orders/" + orderId + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(staff.get("/api/inventory/" + sku).json().path("available").asInt()).isEqualTo(1);
        assertThat(owner.post("/api/orders/" + orderId + "/cancel", null).status()).isEqualTo(409);
    }

    // ---- helpers

    /** Reserved or, once paid (tok_visa orders are paid within a second), allocated. */
    private int held(String sku) {
        var level = staff.get("/api/inventory/" + sku).json();
        return level.path("reserved").asInt() + level.path("allocated").asInt();
    }

    private TestApi.Response checkout(TestApi customer, String key, Map<String, ?> address, String method) {
        return customer.with("Idempotency-Key", key).post("/api/checkout",
                Map.of("shippingAddress", address, "shippingMethod", method, "paymentToken", "tok_visa"));
    }

    private static Map<String, String> address(String country) {
        return Map.of("name", "Ada Lovelace", "line1", "1 Main Street", "city", "Berlin", "postalCode", "10115",
                "country", country);
    }

    /** A new product with one variant at this price and this much stock; answers its SKU. */
    private String product(String price, int stock) {
        var created = createProduct(price);
        String sku = created.json().path("variants").get(0).path("sku").asString();
        restock(sku, stock);
        return sku;
    }

    private TestApi.Response createProduct(String price) {
        String sku = "CK-" + UUID.randomUUID().toString().substring(0, 12);
        var created = api.as(api.admin()).post("/api/admin/products", Map.of("name", "Checkout test " + sku,
                "description", "A product for checkout tests", "category", "tests",
                "variants", List.of(Map.of("sku", sku, "title", "One size", "price", Map.of("amount", price, "currency", "EUR")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private void restock(String sku, int units) {
        if (units > 0) {
            var restocked = staff.with("Idempotency-Key", UUID.randomUUID().toString())
                    .post("/api/inventory/" + sku + "/adjustments", Map.of("delta", units, "reason", "RESTOCK"));
            assertThat(restocked.status()).isEqualTo(200);
        }
    }
}
