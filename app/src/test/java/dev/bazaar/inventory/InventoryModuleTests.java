package dev.bazaar.inventory;

import dev.bazaar.BazaarModuleTest;
import dev.bazaar.StockFixtures;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.Sku;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionOperations;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The inventory module on its own: when reserving stock tells the rest of the shop that a SKU runs low. */
@BazaarModuleTest
@Import(StockFixtures.class)
class InventoryModuleTests {

    /** {@code bazaar.inventory.low-stock-threshold}'s default, which new SKUs start with. */
    private static final int THRESHOLD = 5;

    @Autowired
    StockReservations reservations;
    @Autowired
    StockTracking tracking;
    @Autowired
    InventoryQueries inventory;
    @Autowired
    StockFixtures stock;
    @Autowired
    TransactionOperations transactions;

    @Test
    void aReservationThatTakesStockDownToItsThresholdAnnouncesLowStock(Scenario scenario) {
        Sku sku = stock.stocked(THRESHOLD + 3);

        scenario.stimulate(() -> reserve(sku, 3))
                .andWaitForEventOfType(StockLow.class)
                .matching(low -> low.sku().equals(sku))
                .toArriveAndVerify(low -> {
                    assertThat(low.available()).isEqualTo(THRESHOLD);
                    assertThat(low.threshold()).isEqualTo(THRESHOLD);
                });
    }

    @Test
    void stockAlreadyLowIsAnnouncedOnceNotOnEverySale(Scenario scenario) {
        Sku sku = stock.stocked(THRESHOLD + 1);
        reserve(sku, 2);

        scenario.stimulate(() -> reserve(sku, 1))
                .andWaitForStateChange(() -> inventory.level(sku).orElseThrow().available(), available -> available == THRESHOLD - 2)
                .andVerifyEvents(events -> assertThat(events.ofType(StockLow.class).matching(low -> low.sku().equals(sku)))
                        .as("only the sale that crossed the threshold announced it").hasSize(1));
    }

    @Test
    void stockRestockedAboveItsThresholdAndSoldDownAgainIsAnnouncedAgain(Scenario scenario) {
        Sku sku = stock.stocked(THRESHOLD + 1);
        reserve(sku, 2);
        tracking.adjust(sku, 10, AdjustmentReason.RESTOCK, "delivery", "test");

        scenario.stimulate(() -> reserve(sku, 10))
                .andWaitForEventOfType(StockLow.class)
                .matching(low -> low.sku().equals(sku) && low.available() == THRESHOLD - 1)
                .toArrive();
    }

    /** As checkout reserves: in a transaction of its caller's (reserving demands one). */
    private void reserve(Sku sku, int units) {
        transactions.executeWithoutResult(status -> reservations.reserve(OrderId.next(),
                List.of(new StockLine(sku, units)), Instant.now().plus(15, ChronoUnit.MINUTES)));
    }
}
