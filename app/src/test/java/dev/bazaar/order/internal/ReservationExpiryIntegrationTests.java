package dev.bazaar.order.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.StockFixtures;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.order.OrderPlacement;
import dev.bazaar.order.OrderQueries;
import dev.bazaar.order.OrderStatus;
import dev.bazaar.shared.ids.OrderId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.bazaar.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unpaid order whose reservation expired is cancelled and its stock is available again; a late payment outcome of
 * an earlier attempt changes nothing.
 */
@BazaarIntegrationTest
class ReservationExpiryIntegrationTests {

    @Autowired
    OrderPlacement placement;
    @Autowired
    OrderQueries orders;
    @Autowired
    InventoryQueries inventory;
    @Autowired
    StockFixtures stock;
    @Autowired
    ReservationExpiry expiry;
    @Autowired
    OrderLifecycle lifecycle;
    @Autowired
    JdbcClient jdbc;

    @Test
    void expiredUnpaidOrderIsCancelledAndItsStockReleased() {
        var sku = stock.stocked(2);
        var expired = placement.place(orderOf(sku));
        var fresh = placement.place(orderOf(sku));
        backdateReservation(expired.id());

        expiry.cancelExpiredOrders();

        var cancelled = orders.find(new OrderId(UUID.fromString(expired.id()))).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.timeline()).last().satisfies(e -> assertThat(e.note()).contains("expired"));
        assertThat(orders.find(new OrderId(UUID.fromString(fresh.id()))).orElseThrow().status())
                .isEqualTo(OrderStatus.PENDING_PAYMENT);
        var level = inventory.level(sku).orElseThrow();
        assertThat(level.reserved()).isEqualTo(1);
        assertThat(level.available()).isEqualTo(1);
    }

    @Test
    void anOrderWhoseExpiryFailsIsSkippedAndTheOthersStillExpire() {
        var sku = stock.stocked(3);
        var failing = placement.place(orderOf(sku));
        var first = placement.place(orderOf(sku));
        var second = placement.place(orderOf(sku));
        // the failing order is the soonest to expire, so it is the first one claimed
        backdateReservation(failing.id(), "1 minute");
        backdateReservation(first.id(), "30 seconds");
        backdateReservation(second.id(), "20 seconds");
        refuseUpdatesOf(failing.id());
        try {
            expiry.cancelExpiredOrders();

            assertThat(status(first.id())).isEqualTo(OrderStatus.CANCELLED);
            assertThat(status(second.id())).isEqualTo(OrderStatus.CANCELLED);
            assertThat(status(failing.id())).isEqualTo(OrderStatus.PENDING_PAYMENT);
            var level = inventory.level(sku).orElseThrow();
            assertThat(level.reserved()).isEqualTo(1);
            assertThat(level.available()).isEqualTo(2);
            var failure = jdbc.sql("""
                            select attempts, next_try_at > now() as backing_off, last_error from platform.failed_work
                            where kind = 'expiry' and key = :id""")
                    .param("id", failing.id()).query((rs, row) -> Map.of("attempts", rs.getInt("attempts"),
                            "backingOff", rs.getBoolean("backing_off"), "lastError", rs.getString("last_error"))).single();
            assertThat((Integer) failure.get("attempts")).isPositive();
            assertThat(failure.get("backingOff")).isEqualTo(true);
            assertThat((String) failure.get("lastError")).contains("SQLSTATE P0001").doesNotContain("refuses");

            // backing off: the next run leaves it alone, and fails nothing
            expiry.cancelExpiredOrders();
            assertThat(status(failing.id())).isEqualTo(OrderStatus.PENDING_PAYMENT);
        } finally {
            jdbc.sql("drop trigger if exists refuse_updates_in_test on ordering.orders").update();
            jdbc.sql("drop function if exists ordering.refuse_updates_in_test()").update();
        }

        jdbc.sql("update platform.failed_work set next_try_at = now() where kind = 'expiry' and key = :id")
                .param("id", failing.id()).update();
        expiry.cancelExpiredOrders();

        assertThat(status(failing.id())).isEqualTo(OrderStatus.CANCELLED);
        assertThat(inventory.level(sku).orElseThrow().available()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from platform.failed_work where kind = 'expiry' and key = :id")
                .param("id", failing.id()).query(Long.class).single()).isZero();
    }

    @Test
    void expiringTwiceCancelsOnce() {
        var sku = stock.stocked(1);
        var order = placement.place(orderOf(sku));
        backdateReservation(order.id());

        expiry.cancelExpiredOrders();
        expiry.cancelExpiredOrders();

        var view = orders.find(new OrderId(UUID.fromString(order.id()))).orElseThrow();
        assertThat(view.timeline()).filteredOn(e -> e.status() == OrderStatus.CANCELLED).hasSize(1);
        assertThat(inventory.level(sku).orElseThrow().available()).isEqualTo(1);
    }

    @Test
    void aLateOutcomeOfAnEarlierPaymentAttemptChangesNothing() {
        var sku = stock.stocked(1);
        var id = new OrderId(UUID.fromString(placement.place(orderOf(sku)).id()));
        lifecycle.paymentFailed(id, "checkout", "card_declined");
        var retried = lifecycle.apply(id, order -> order.retryPayment("tok_visa", Instant.now()));

        // the first attempt's failure and authorisation, delivered again after the retry
        lifecycle.paymentFailed(id, "checkout", "card_declined");
        assertThat(lifecycle.confirmPaid(id, "checkout")).isTrue();

        assertThat(orders.find(id).orElseThrow().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(inventory.level(sku).orElseThrow().reserved()).isEqualTo(1);
        assertThat(lifecycle.confirmPaid(id, retried.paymentAttempt())).isTrue();
        assertThat(orders.find(id).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    private OrderStatus status(String orderId) {
        return orders.find(new OrderId(UUID.fromString(orderId))).orElseThrow().status();
    }

    private void backdateReservation(String orderId, String by) {
        jdbc.sql("update ordering.orders set reservation_expires_at = now() - cast(:by as interval) where id = :id")
                .param("by", by).param("id", UUID.fromString(orderId)).update();
    }

    /** A real failure in the real database: every update of this one order's row is refused by a test-only trigger. */
    private void refuseUpdatesOf(String orderId) {
        jdbc.sql("""
                create or replace function ordering.refuse_updates_in_test() returns trigger language plpgsql as $$
                begin
                    raise exception 'test refuses to update order %', old.id;
                end $$""").update();
        jdbc.sql("create trigger refuse_updates_in_test before update on ordering.orders for each row when (old.id = '"
                + UUID.fromString(orderId) + "') execute function ordering.refuse_updates_in_test()").update();
    }

    private void backdateReservation(String orderId) {
        jdbc.sql("update ordering.orders set reservation_expires_at = now() - interval '1 second' where id = :id")
                .param("id", UUID.fromString(orderId)).update();
    }
}
