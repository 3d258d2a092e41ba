package dev.bazaar.order.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.StockFixtures;
import dev.bazaar.TestApi;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.order.OrderPlacement;
import dev.bazaar.order.PlaceOrder;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.ids.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Staff ship paid orders in parts and mark them delivered; stock leaves the shelf exactly once. */
@BazaarIntegrationTest
class FulfillmentIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    OrderPlacement placement;
    @Autowired
    OrderLifecycle lifecycle;
    @Autowired
    StockFixtures stock;
    @Autowired
    InventoryQueries inventory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    TestApi api;
    TestApi staff;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        staff = api.as(api.newStaff());
    }

    @Test
    void partialShipmentThenTheRestThenDeliveryCompletesTheOrder() {
        Sku tee = stock.stocked(10);
        Sku mug = stock.stocked(10);
        String order = confirmedOrder(line(tee, 3), line(mug, 1));

        assertThat(queueContains(order)).isTrue();
        var first = ship(order, Map.of("carrier", "DHL", "trackingNumber", "T-1",
                "items", List.of(Map.of("sku", tee.value(), "quantity", 2))));
        assertThat(first.status()).isEqualTo(201);
        assertThat(status(order)).isEqualTo("PARTIALLY_SHIPPED");

        var tooMuch = ship(order, Map.of("carrier", "DHL", "trackingNumber", "T-x",
                "items", List.of(Map.of("sku", tee.value(), "quantity", 2))));
        assertThat(tooMuch.status()).isEqualTo(409);

        var rest = ship(order, Map.of("carrier", "UPS", "trackingNumber", "T-2"));
        assertThat(rest.status()).isEqualTo(201);
        assertThat(rest.json().path("items").size()).isEqualTo(2);
        assertThat(status(order)).isEqualTo("SHIPPED");
        assertThat(queueContains(order)).isFalse();
        assertThat(ship(order, Map.of("carrier", "UPS", "trackingNumber", "T-3")).status()).isEqualTo(409);

        assertThat(staff.post("/api/fulfillment/shipments/" + first.text("id") + "/delivered", null).status()).isEqualTo(200);
        assertThat(status(order)).isEqualTo("SHIPPED");
        staff.post("/api/fulfillment/shipments/" + rest.text("id") + "/delivered", null);
        staff.post("/api/fulfillment/shipments/" + rest.text("id") + "/delivered", null);
        var delivered = staff.get("/api/orders/" + order).json();
        assertThat(delivered.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(delivered.path("shipments").size()).isEqualTo(2);
        assertThat(delivered.path("timeline").size()).isEqualTo(5);

        var teeLevel = inventory.level(tee).orElseThrow();
        assertThat(teeLevel.onHand()).isEqualTo(7);
        assertThat(teeLevel.allocated()).isZero();
        assertThat(ledgerSum(tee)).isEqualTo(7);
        assertThat(ledgerSum(mug)).isEqualTo(9);
    }

    @Test
    void aPartlyShippedOrderCannotBeCancelled() {
        Sku tee = stock.stocked(5);
        var customer = api.newCustomerWithId();
        String order = confirmedOrder(customer.id(), line(tee, 2));
        ship(order, Map.of("carrier", "DHL", "trackingNumber", "T-1", "items", List.of(Map.of("sku", tee.value(), "quantity", 1))));

        var cancel = api.as(customer.token()).post("/api/orders/" + order + "/cancel", null);
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().path("status").asInt()).as("RFC 9457: status is the HTTP status").isEqualTo(409);
        assertThat(cancel.text("orderStatus")).isEqualTo("PARTIALLY_SHIPPED");
        assertThat(status(order)).isEqualTo("PARTIALLY_SHIPPED");
    }

    @Test
    void unpaidOrdersAndUnknownOrdersCannotShip() {
        Sku tee = stock.stocked(5);
        var unpaid = placement.place(StockFixtures.orderOf(tee));
        assertThat(ship(unpaid.id(), Map.of("carrier", "DHL", "trackingNumber", "T")).status()).isEqualTo(409);
        assertThat(ship(UUID.randomUUID().toString(), Map.of("carrier", "DHL", "trackingNumber", "T")).status()).isEqualTo(404);
        assertThat(ship("not-an-id", Map.of("carrier", "DHL", "trackingNumber", "T")).status()).isEqualTo(404);
        assertThat(staff.post("/api/fulfillment/shipments/" + UUID.randomUUID() + "/delivered", null).status()).isEqualTo(404);
    }

    @Test
    void onlyStaffAndAdminsFulfil() {
        assertThat(api.get("/api/fulfillment/queue").status()).isEqualTo(401);
        assertThat(api.as(api.newCustomer()).get("/api/fulfillment/queue").status()).isEqualTo(403);
        assertThat(api.as(api.admin()).get("/api/fulfillment/queue").status()).isEqualTo(200);
        assertThat(api.as(api.newCustomer()).post("/api/fulfillment/orders/" + UUID.randomUUID() + "/shipments",
                Map.of("carrier", "DHL", "trackingNumber", "T")).status()).isEqualTo(403);
    }

    private String confirmedOrder(PlaceOrder.Line... lines) {
        return confirmedOrder(UserId.next(), lines);
    }

    private String confirmedOrder(UserId customer, PlaceOrder.Line... lines) {
        var order = placement.place(StockFixtures.orderOf(customer, "tok_visa", List.of(lines)));
        // paid with tok_visa: the sandbox PSP authorises it by webhook and the saga confirms it
        await().atMost(Duration.ofSeconds(15)).until(() -> "CONFIRMED".equals(status(order.id())));
        return order.id();
    }

    private static PlaceOrder.Line line(Sku sku, int quantity) {
        return new PlaceOrder.Line(sku, ProductId.next(), "Item " + sku, Money.euros("10.00"), quantity);
    }

    private TestApi.Response ship(String order, Map<String, ?> body) {
        return staff.post("/api/fulfillment/orders/" + order + "/shipments", body);
    }

    private String status(String order) {
        return staff.get("/api/orders/" + order).text("status");
    }

    private boolean queueContains(String order) {
        var page = staff.get("/api/fulfillment/queue?size=100").json();
        for (int p = 0; p * 100 < page.path("total").asLong(); p++) {
            for (var item : staff.get("/api/fulfillment/queue?size=100&page=" + p).json().path("items")) {
                if (item.path("id").asString().equals(order)) {
                    return true;
                }
            }
        }
        return false;
    }

    private long ledgerSum(Sku sku) {
        return jdbc.sql("select sum(delta) from inventory.movements where sku = :sku").param("sku", sku.value())
                .query(Long.class).single();
    }
}
