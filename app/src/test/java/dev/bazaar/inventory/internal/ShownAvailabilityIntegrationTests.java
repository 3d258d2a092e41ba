package dev.bazaar.inventory.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.StockFixtures;
import dev.bazaar.inventory.AdjustmentReason;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.inventory.StockTracking;
import dev.bazaar.shared.ids.Sku;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The stock figures browsing shows come from memory, yet never outlive a change committed through this instance. */
@BazaarIntegrationTest
class ShownAvailabilityIntegrationTests {

    @Autowired
    InventoryQueries inventory;
    @Autowired
    StockTracking tracking;
    @Autowired
    StockFixtures stock;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aFigureReadWhileAChangeCommitsIsNotShownAfterTheCommit() {
        Sku sku = stock.stocked(5);

        transaction.executeWithoutResult(status -> {
            tracking.adjust(sku, 3, AdjustmentReason.RESTOCK, "arrived", "test");
            // another request reads the committed figure from the database, and remembers it, while this change is open
            assertThat(CompletableFuture.supplyAsync(() -> shown(sku)).join()).isEqualTo(5);
        });

        assertThat(shown(sku)).isEqualTo(8);
    }

    @Test
    void aChangeThatRollsBackLeavesTheFigureAsItWas() {
        Sku sku = stock.stocked(4);
        assertThat(shown(sku)).isEqualTo(4);

        transaction.executeWithoutResult(status -> {
            tracking.adjust(sku, -1, AdjustmentReason.DAMAGE, "dropped", "test");
            status.setRollbackOnly();
        });

        assertThat(shown(sku)).isEqualTo(4);
        assertThat(inventory.level(sku).orElseThrow().available()).isEqualTo(4);
    }

    @Test
    void aFigureReadInsideAChangeThatRollsBackIsNotRemembered() {
        Sku sku = stock.stocked(6);

        transaction.executeWithoutResult(status -> {
            tracking.adjust(sku, -2, AdjustmentReason.DAMAGE, "dropped", "test");
            assertThat(shown(sku)).as("the transaction sees its own change").isEqualTo(4);
            status.setRollbackOnly();
        });

        assertThat(shown(sku)).isEqualTo(6);
    }

    @Test
    void untrackedSkusAreAbsentAndANewlyTrackedOneShowsAtOnce() {
        Sku sku = new Sku("T-" + UUID.randomUUID().toString().substring(0, 13));
        assertThat(inventory.available(List.of(sku))).isEmpty();

        tracking.track(List.of(sku));

        assertThat(inventory.available(List.of(sku))).containsEntry(sku, 0);
    }

    private int shown(Sku sku) {
        return inventory.available(List.of(sku)).get(sku);
    }
}
