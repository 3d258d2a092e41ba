package dev.bazaar.inventory;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.StockFixtures;
import dev.bazaar.TestApi;
import dev.bazaar.order.OrderPlacement;
import dev.bazaar.shared.ids.Sku;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static dev.bazaar.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Staff see and change stock through the API; every change is in the ledger and nothing is lost. */
@BazaarIntegrationTest
class InventoryIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    StockFixtures stock;
    @Autowired
    OrderPlacement placement;
    @Autowired
    JdbcClient jdbc;
    TestApi api;
    TestApi staff;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        staff = api.as(api.newStaff());
    }

    @Test
    void restockShowsInTheLevelAndTheLedger() {
        Sku sku = stock.stocked(0);
        var adjusted = adjust(staff, sku, 12, "RESTOCK", UUID.randomUUID().toString());
        assertThat(adjusted.status()).isEqualTo(200);
        assertThat(adjusted.json().path("onHand").asInt()).isEqualTo(12);
        assertThat(adjusted.json().path("available").asInt()).isEqualTo(12);

        var movements = staff.get("/api/inventory/" + sku + "/movements");
        assertThat(movements.json().path("total").asInt()).isEqualTo(1);
        var movement = movements.json().path("items").get(0);
        assertThat(movement.path("delta").asInt()).isEqualTo(12);
        assertThat(movement.path("reason").asString()).isEqualTo("RESTOCK");
        assertThat(movement.path("actor").asString()).startsWith("staff-");
        assertThat(movement.path("reference").asString()).startsWith("adjustment:");
    }

    @Test
    void replayedAdjustmentIsAppliedOnceAndAnswersTheSame() {
        Sku sku = stock.stocked(0);
        String key = UUID.randomUUID().toString();
        var first = adjust(staff, sku, 5, "RESTOCK", key);
        var replay = adjust(staff, sku, 5, "RESTOCK", key);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(staff.get("/api/inventory/" + sku).json().path("onHand").asInt()).isEqualTo(5);

        var otherBody = adjust(staff, sku, 6, "RESTOCK", key);
        assertThat(otherBody.status()).isEqualTo(422);
    }

    @Test
    void concurrentReplaysOfOneKeyApplyOnce() throws Exception {
        Sku sku = stock.stocked(0);
        String key = UUID.randomUUID().toString();
        var statuses = new CopyOnWriteArrayList<Integer>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                executor.submit(() -> statuses.add(adjust(staff, sku, 3, "RESTOCK", key).status()));
            }
        }
        assertThat(statuses).containsOnly(200).hasSize(10);
        assertThat(staff.get("/api/inventory/" + sku).json().path("onHand").asInt()).isEqualTo(3);
    }

    @Test
    void stockCannotDropBelowWhatOrdersHold() {
        Sku sku = stock.stocked(3);
        placement.place(orderOf(sku));
        placement.place(orderOf(sku));

        var tooMuch = adjust(staff, sku, -2, "DAMAGE", UUID.randomUUID().toString());
        assertThat(tooMuch.status()).isEqualTo(409);
        var fine = adjust(staff, sku, -1, "DAMAGE", UUID.randomUUID().toString());
        assertThat(fine.status()).isEqualTo(200);
        assertThat(fine.json().path("available").asInt()).isZero();
    }

    @Test
    void restockDuringConcurrentCheckoutsLosesNoUpdate() throws Exception {
        Sku sku = stock.stocked(20);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 30; i++) {
                executor.submit(() -> {
                    try {
                        placement.place(orderOf(sku));
                    } catch (OutOfStock ignored) {
                        // some customers come too late: fine
                    }
                });
                int n = i;
                executor.submit(() -> adjust(staff, sku, 1, "RESTOCK", "restock-" + sku + "-" + n));
            }
        }
        var level = staff.get("/api/inventory/" + sku).json();
        assertThat(level.path("onHand").asInt()).isEqualTo(50);
        // orders get paid meanwhile (reserved becomes allocated), but what they hold adds up either way
        long heldByOrders = jdbc.sql("select coalesce(sum(quantity), 0) from inventory.reservations where sku = :sku and status <> 'RELEASED'")
                .param("sku", sku.value()).query(Long.class).single();
        assertThat(level.path("reserved").asInt() + level.path("allocated").asInt()).isEqualTo((int) heldByOrders);
        long ledgerSum = jdbc.sql("select sum(delta) from inventory.movements where sku = :sku")
                .param("sku", sku.value()).query(Long.class).single();
        assertThat(ledgerSum).isEqualTo(50);
    }

    @Test
    void badAdjustmentsAreRefusedAndChangeNothing() {
        Sku sku = stock.stocked(1);
        assertThat(adjust(staff, sku, -1, "RESTOCK", UUID.randomUUID().toString()).status()).isEqualTo(400);
        assertThat(adjust(staff, sku, 0, "CORRECTION", UUID.randomUUID().toString()).status()).isEqualTo(400);
        assertThat(staff.with("Idempotency-Key", "k1").postRaw("/api/inventory/" + sku + "/adjustments",
                "{\"delta\": 1.5, \"reason\": \"RESTOCK\"}").status()).isEqualTo(400);
        assertThat(staff.with("Idempotency-Key", "k2").postRaw("/api/inventory/" + sku + "/adjustments",
                "{\"delta\": \"5\", \"reason\": \"RESTOCK\"}").status()).isEqualTo(400);
        assertThat(staff.with("Idempotency-Key", "k3").postRaw("/api/inventory/" + sku + "/adjustments",
                "{\"delta\": 5, \"reason\": \"GIFT\"}").status()).isEqualTo(400);
        assertThat(staff.post("/api/inventory/" + sku + "/adjustments", Map.of("delta", 5, "reason", "RESTOCK")).status())
                .as("missing Idempotency-Key").isEqualTo(400);
        assertThat(adjust(staff, sku, 1_000_001, "RESTOCK", UUID.randomUUID().toString()).status()).isEqualTo(400);
        assertThat(staff.get("/api/inventory/" + sku).json().path("onHand").asInt()).isEqualTo(1);
    }

    @Test
    void unknownSkusAreNotFoundWhateverTheirShape() {
        assertThat(staff.get("/api/inventory/NO-SUCH-SKU").status()).isEqualTo(404);
        assertThat(staff.get("/api/inventory/%20%2F..").status()).isEqualTo(404);
        assertThat(staff.get("/api/inventory/NO-SUCH-SKU/movements").status()).isEqualTo(404);
        assertThat(adjust(staff, new Sku("NO-SUCH-SKU"), 1, "RESTOCK", UUID.randomUUID().toString()).status()).isEqualTo(404);
    }

    @Test
    void onlyStaffAndAdminsSeeStock() {
        Sku sku = stock.stocked(1);
        assertThat(api.get("/api/inventory/" + sku).status()).isEqualTo(401);
        assertThat(api.as(api.newCustomer()).get("/api/inventory/" + sku).status()).isEqualTo(403);
        assertThat(api.as(api.newCustomer()).post("/api/inventory/" + sku + "/adjustments", Map.of()).status()).isEqualTo(403);
        assertThat(api.as(api.admin()).get("/api/inventory/" + sku).status()).isEqualTo(200);
    }

    @Test
    void lowStockListsSkusAtOrBelowTheirThreshold() {
        Sku low = stock.stocked(2);
        Sku plenty = stock.stocked(50);
        var page = staff.get("/api/inventory?lowStock=true&size=100").json();
        long total = page.path("total").asLong();
        var all = new java.util.ArrayList<String>();
        for (int p = 0; p * 100 < total; p++) {
            staff.get("/api/inventory?lowStock=true&size=100&page=" + p).json().path("items")
                    .forEach(item -> all.add(item.path("sku").asString()));
        }
        assertThat(all).contains(low.value()).doesNotContain(plenty.value());
        assertThat(staff.get("/api/inventory?size=101").status()).isEqualTo(400);
    }

    @Test
    void stockOnHandStopsAtABillionWithAConflictAndNoLedgerRow() {
        Sku sku = stock.stocked(0);
        jdbc.sql("update inventory.stock_levels set on_hand = 999500000 where sku = :sku").param("sku", sku.value()).update();

        var over = adjust(staff, sku, 1_000_000, "RESTOCK", UUID.randomUUID().toString());
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.json().path("type").asString()).endsWith("/stock-above-limit");
        assertThat(staff.get("/api/inventory/" + sku).json().path("onHand").asInt()).isEqualTo(999_500_000);
        assertThat(staff.get("/api/inventory/" + sku + "/movements").json().path("total").asInt()).isZero();
        assertThat(adjust(staff, sku, 500_000, "RESTOCK", UUID.randomUUID().toString()).status()).isEqualTo(200);
    }

    private static TestApi.Response adjust(TestApi api, Sku sku, int delta, String reason, String key) {
        return api.with("Idempotency-Key", key).post("/api/inventory/" + sku + "/adjustments",
                Map.of("delta", delta, "reason", reason));
    }
}
