package dev.bazaar.order;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.StockFixtures;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.inventory.OutOfStock;
import dev.bazaar.inventory.StockLevelView;
import dev.bazaar.payment.PaymentView;
import dev.bazaar.shared.ids.Sku;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.bazaar.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Placing orders reserves stock all-or-nothing, exactly, under any concurrency. */
@BazaarIntegrationTest
class OrderPlacementIntegrationTests {

    @Autowired
    OrderPlacement placement;
    @Autowired
    InventoryQueries inventory;
    @Autowired
    StockFixtures stock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void hundredCustomersRacingForTheLastTenUnitsBuyExactlyTen() throws Exception {
        Sku sku = stock.stocked(10);
        var outcome = race(100, i -> orderOf(sku));

        assertThat(outcome.placed()).isEqualTo(10);
        assertThat(outcome.outOfStock()).isEqualTo(90);
        assertThat(outcome.otherFailures()).isEmpty();
        var level = level(sku);
        assertThat(level.reserved()).isEqualTo(10);
        assertThat(level.available()).isZero();
        assertThat(level.onHand()).isEqualTo(10);
        assertLedgerAddsUp(sku);
        assertThat(reservationMovements(sku)).isEqualTo(10);
    }

    @Test
    void overlappingOrdersInOppositeSkuOrderNeverDeadlockAndStayAllOrNothing() throws Exception {
        Sku a = stock.stocked(15);
        Sku b = stock.stocked(15);
        var outcome = race(40, i -> i % 2 == 0 ? orderOf(a, b) : orderOf(b, a));

        assertThat(outcome.otherFailures()).as("no deadlock or other error reaches a client").isEmpty();
        assertThat(outcome.placed()).isEqualTo(15);
        assertThat(level(a).reserved()).isEqualTo(15);
        assertThat(level(b).reserved()).isEqualTo(15);
        assertLedgerAddsUp(a);
        assertLedgerAddsUp(b);
    }

    @Test
    void oneShortLineReservesNothingAndNamesTheShortSku() {
        Sku plenty = stock.stocked(5);
        Sku none = stock.stocked(0);

        assertThatThrownBy(() -> placement.place(orderOf(plenty, none)))
                .isInstanceOfSatisfying(OutOfStock.class, e -> assertThat(e.skus()).containsExactly(none));
        assertThat(level(plenty).reserved()).isZero();
        assertThat(jdbc.sql("select count(*) from inventory.reservations where sku = :sku").param("sku", plenty.value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aPlacedOrderWaitsForPaymentWithItsFirstTimelineEntry() {
        Sku sku = stock.stocked(3);
        var order = placement.place(orderOf(sku));

        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(order.number()).startsWith("BZ-");
        assertThat(order.timeline()).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(OrderStatus.PENDING_PAYMENT));
        assertThat(order.payment().status()).isEqualTo(PaymentView.Status.PENDING);
        assertThat(order.payment().authorizedAmount().amount()).isEqualByComparingTo("0.00");
        assertThat(order.total().amount()).isEqualByComparingTo("14.90");
        assertThat(level(sku).reserved()).isEqualTo(1);
    }

    record Outcome(int placed, int outOfStock, List<Throwable> otherFailures) {
    }

    interface Orders {
        PlaceOrder nth(int i);
    }

    private Outcome race(int customers, Orders orders) throws Exception {
        var placed = new AtomicInteger();
        var outOfStock = new AtomicInteger();
        var failures = new ArrayList<Throwable>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var start = new java.util.concurrent.CountDownLatch(1);
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < customers; i++) {
                int n = i;
                futures.add(executor.submit((Callable<Void>) () -> {
                    start.await();
                    try {
                        placement.place(orders.nth(n));
                        placed.incrementAndGet();
                    } catch (OutOfStock e) {
                        outOfStock.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
        }
        return new Outcome(placed.get(), outOfStock.get(), failures);
    }

    private StockLevelView level(Sku sku) {
        return inventory.level(sku).orElseThrow();
    }

    private void assertLedgerAddsUp(Sku sku) {
        long sum = jdbc.sql("select coalesce(sum(delta), 0) from inventory.movements where sku = :sku")
                .param("sku", sku.value()).query(Long.class).single();
        assertThat(sum).isEqualTo(level(sku).onHand());
    }

    private long reservationMovements(Sku sku) {
        return jdbc.sql("select count(*) from inventory.movements where sku = :sku and reason = 'RESERVATION'")
                .param("sku", sku.value()).query(Long.class).single();
    }
}
