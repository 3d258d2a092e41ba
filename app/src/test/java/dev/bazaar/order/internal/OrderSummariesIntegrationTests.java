package dev.bazaar.order.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.StockFixtures;
import dev.bazaar.order.OrderPlacement;
import dev.bazaar.order.OrderQueries;
import dev.bazaar.shared.ids.OrderId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

import static dev.bazaar.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

/** An order's summary is what was placed, remembered only once the placement has committed. */
@BazaarIntegrationTest
class OrderSummariesIntegrationTests {

    @Autowired
    OrderPlacement placement;
    @Autowired
    OrderLifecycle lifecycle;
    @Autowired
    OrderQueries orders;
    @Autowired
    StockFixtures stock;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aPlacedOrdersSummaryNamesItsNumberCustomerItemsAndTotal() {
        var placed = placement.place(orderOf(stock.stocked(3), stock.stocked(3)));

        var summary = orders.summary(new OrderId(UUID.fromString(placed.id()))).orElseThrow();

        assertThat(summary.number()).isEqualTo(placed.number());
        assertThat(summary.customerId()).isEqualTo(placed.customerId());
        assertThat(summary.items()).isEqualTo(placed.items());
        assertThat(summary.total()).isEqualTo(placed.total());
    }

    @Test
    void aPlacementThatRolledBackHasNoSummary() {
        var sku = stock.stocked(3);
        OrderId id = transaction.execute(status -> {
            var order = lifecycle.place(orderOf(sku));
            status.setRollbackOnly();
            return order.id();
        });

        assertThat(orders.summary(id)).isEmpty();
    }
}
