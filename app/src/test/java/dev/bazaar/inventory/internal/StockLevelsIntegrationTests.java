package dev.bazaar.inventory.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.StockFixtures;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.inventory.internal.StockLevels.Delta;
import dev.bazaar.shared.ids.Sku;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Several SKUs' stock changes in one statement: each row as if changed alone, and only the rows that can take it. */
@BazaarIntegrationTest
class StockLevelsIntegrationTests {

    @Autowired
    StockLevels levels;
    @Autowired
    InventoryQueries inventory;
    @Autowired
    StockFixtures stock;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void changesEveryRowThatCanTakeItsChangeAndLeavesTheOthers() {
        Sku plenty = stock.stocked(5);
        Sku short_ = stock.stocked(1);
        Sku untracked = new Sku("UNTRACKED-" + UUID.randomUUID());

        var changed = transaction.execute(status -> levels.changeAll(List.of(
                new Delta(plenty, 0, 3, 0), new Delta(short_, 0, 2, 0), new Delta(untracked, 0, 1, 0))));

        assertThat(changed).containsOnlyKeys(plenty);
        assertThat(changed.get(plenty).level().reserved()).isEqualTo(3);
        assertThat(changed.get(plenty).level().available()).isEqualTo(2);
        assertThat(inventory.level(short_).orElseThrow().reserved()).isZero();
    }

    @Test
    void moreSkusThanOneStatementTakesAreAllChanged() {
        List<Sku> skus = IntStream.range(0, 19).mapToObj(i -> stock.stocked(4)).toList();

        var changed = transaction.execute(status -> levels.changeAll(
                skus.stream().map(sku -> new Delta(sku, 0, 1, 2)).toList()));

        assertThat(changed).containsOnlyKeys(skus);
        skus.forEach(sku -> assertThat(inventory.level(sku).orElseThrow().available()).isEqualTo(1));
    }

    @Test
    void aChangeThatCrossesTheLowStockThresholdSaysSoOnce() {
        Sku sku = stock.stocked(20);
        int threshold = inventory.level(sku).orElseThrow().lowStockThreshold();
        int toThreshold = 20 - threshold;

        var crossing = transaction.execute(status -> levels.changeAll(List.of(new Delta(sku, 0, toThreshold, 0))));
        var below = transaction.execute(status -> levels.changeAll(List.of(new Delta(sku, 0, 0, 1))));

        assertThat(crossing.get(sku).crossedLow()).isTrue();
        assertThat(below.get(sku).crossedLow()).isFalse();
    }

    @Test
    void aSkuTwiceInOneChangeIsRefused() {
        Sku sku = stock.stocked(5);

        assertThatIllegalArgumentException().isThrownBy(() -> transaction.executeWithoutResult(status ->
                levels.changeAll(List.of(new Delta(sku, 0, 1, 0), new Delta(sku, 0, 1, 0)))));
        assertThat(inventory.level(sku).orElseThrow().reserved()).isZero();
    }
}
