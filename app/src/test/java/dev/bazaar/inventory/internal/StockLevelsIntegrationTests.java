package dev.bazaar.inventory.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.StockFixtures;
import dev.bazaar.inventory.AdjustmentReason;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.inventory.StockTracking;
import dev.bazaar.inventory.internal.StockLevels.Delta;
import dev.bazaar.shared.ids.Sku;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
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
    StockTracking tracking;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;

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

    @Test
    void theStatementForSeveralSkusIsPlannedOnceNotOnEveryCall() {
        // the reason it takes scalars in slots, not arrays: PostgreSQL keeps one generic plan for it
        List<Sku> skus = IntStream.range(0, 3).mapToObj(i -> stock.stocked(100)).toList();

        record Plans(long generic, long custom) {
        }
        var plans = transaction.execute(status -> {
            for (int call = 0; call < 20; call++) {
                levels.changeAll(skus.subList(0, 2 + call % 2).stream().map(sku -> new Delta(sku, 0, 1, 0)).toList());
            }
            return jdbc.sql("""
                            select generic_plans, custom_plans from pg_prepared_statements
                            where statement like 'with change (sku, on_hand, reserved, allocated)%'""")
                    .query((rs, row) -> new Plans(rs.getLong("generic_plans"), rs.getLong("custom_plans"))).single();
        });

        assertThat(plans.custom()).isLessThanOrEqualTo(5);
        assertThat(plans.generic()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void changesOfTheSameSkusGivenInEitherOrderNeverWaitOnEachOtherInACycle() throws Exception {
        // the rows are locked in SKU order whatever order the change lists them in (with a lower and an upper case
        // SKU, which a database collation may order differently from Sku itself)
        Sku lower = tracked("a-" + UUID.randomUUID().toString().substring(0, 8));
        Sku upper = tracked("B-" + UUID.randomUUID().toString().substring(0, 8));
        var forwards = List.of(new Delta(lower, 0, 1, 0), new Delta(upper, 0, 1, 0));
        var backwards = forwards.reversed();

        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var changes = IntStream.range(0, 40).mapToObj(i -> executor.submit(() -> transaction.executeWithoutResult(status -> {
                levels.changeAll(i % 2 == 0 ? forwards : backwards);
                sleep(Duration.ofMillis(5)); // holds the locks a little, as a checkout's transaction does
            }))).toList();
            for (var change : changes) {
                change.get();
            }
        }

        assertThat(inventory.level(lower).orElseThrow().reserved()).isEqualTo(40);
        assertThat(inventory.level(upper).orElseThrow().reserved()).isEqualTo(40);
    }

    private Sku tracked(String name) {
        var sku = new Sku(name);
        tracking.track(List.of(sku));
        tracking.adjust(sku, 100, AdjustmentReason.RESTOCK, "test stock", "test");
        return sku;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
