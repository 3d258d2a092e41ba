package dev.bazaar.inventory.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.StockFixtures;
import dev.bazaar.inventory.internal.StockLevels.Changed;
import dev.bazaar.inventory.internal.StockLevels.Delta;
import dev.bazaar.shared.ids.Sku;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** Several stock rows change in one statement, each only if it stays valid, and are locked in SKU order. */
@BazaarIntegrationTest
class StockLevelsIntegrationTests {

    @Autowired
    StockLevels levels;
    @Autowired
    StockFixtures stock;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;

    // a thread each: the common pool may have a single thread on a small machine
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void rowsGivenOutOfSkuOrderAreStillLockedInSkuOrder() throws Exception {
        var skus = Stream.of(stock.stocked(5), stock.stocked(5)).sorted().toList();
        Sku first = skus.get(0);
        Sku second = skus.get(1);
        var secondLocked = new CountDownLatch(1);
        var letGo = new CountDownLatch(1);
        var holder = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            levels.changeAll(List.of(new Delta(second, 1, 0, 0)));
            secondLocked.countDown();
            awaitQuietly(letGo);
        }), threads);
        assertThat(secondLocked.await(10, TimeUnit.SECONDS)).isTrue();

        var both = CompletableFuture.supplyAsync(() -> transaction.execute(status ->
                levels.changeAll(List.of(new Delta(second, 0, 1, 0), new Delta(first, 0, 1, 0)))), threads);

        // waiting for the second row, the change of both already holds the first: it took them in SKU order
        await().atMost(Duration.ofSeconds(10)).until(() -> lockedByAnother(first));
        assertThat(both).isNotDone();
        letGo.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(both.get(10, TimeUnit.SECONDS)).extracting(changed -> changed.level().sku()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aRowThatWouldBreakItsInvariantsIsLeftAsItWasWhileTheOthersChange() {
        Sku plenty = stock.stocked(5);
        Sku few = stock.stocked(1);

        List<Changed> changed = transaction.execute(status ->
                levels.changeAll(List.of(new Delta(plenty, 0, 2, 0), new Delta(few, 0, 2, 0))));

        assertThat(changed).singleElement().satisfies(row -> {
            assertThat(row.level().sku()).isEqualTo(plenty);
            assertThat(row.level().reserved()).isEqualTo(2);
            assertThat(row.level().available()).isEqualTo(3);
        });
        assertThat(levels.find(few).orElseThrow().reserved()).isZero();
    }

    @Test
    void aSkuGivenTwiceIsRefused() {
        Sku sku = stock.stocked(5);

        assertThatIllegalArgumentException().isThrownBy(() -> transaction.execute(status ->
                levels.changeAll(List.of(new Delta(sku, 0, 1, 0), new Delta(sku, 0, 1, 0)))));
        assertThat(levels.find(sku).orElseThrow().reserved()).isZero();
    }

    /** Whether another transaction holds the row's lock (this one would have to wait for it). */
    private boolean lockedByAnother(Sku sku) {
        return Boolean.TRUE.equals(transaction.execute(status -> jdbc.sql(
                        "select sku from inventory.stock_levels where sku = :sku for update skip locked")
                .param("sku", sku.value()).query(String.class).optional().isEmpty()));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
