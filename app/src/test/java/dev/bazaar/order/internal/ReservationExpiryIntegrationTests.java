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

    private void backdateReservation(String orderId) {
        jdbc.sql("update ordering.orders set reservation_expires_at = now() - interval '1 second' where id = :id")
                .param("id", UUID.fromString(orderId)).update();
    }
}
