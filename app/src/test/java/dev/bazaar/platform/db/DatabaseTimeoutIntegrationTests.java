package dev.bazaar.platform.db;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every connection of the shop's pool has a lock timeout (bazaar.db.lock-timeout, 3 s in tests) and a statement
 * timeout: a request that waits for a row someone else holds gives up, and is answered as busy, not as an error.
 */
@BazaarIntegrationTest
class DatabaseTimeoutIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aRestockOfARowLockedElsewhereIsRefusedAsBusyWithinTheLockTimeoutAndWritesNothing() throws Exception {
        var shop = new Shop(new TestApi(port));
        String sku = shop.product("3.00", 5);
        long movementsBefore = movements(sku);
        String key = UUID.randomUUID().toString();
        var restock = shop.staff().with("Idempotency-Key", key);

        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select on_hand from inventory.stock_levels where sku = ? for update")) {
                lock.setString(1, sku);
                lock.executeQuery().close();
            }
            var answer = CompletableFuture.supplyAsync(() ->
                    restock.post("/api/inventory/" + sku + "/adjustments", Map.of("delta", 3, "reason", "RESTOCK")));
            // the lock timeout is 3 s: well before the 30 s a request may queue, or the holder lets go
            await().atMost(Duration.ofSeconds(20)).until(answer::isDone);
            var refused = answer.join();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.text("type")).endsWith("/busy");
            assertThat(refused.json().path("status").asInt()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            holder.rollback();
        }

        assertThat(shop.stock(sku, "onHand")).isEqualTo(5);
        assertThat(movements(sku)).isEqualTo(movementsBefore);
        var retried = restock.post("/api/inventory/" + sku + "/adjustments", Map.of("delta", 3, "reason", "RESTOCK"));
        assertThat(retried.status()).as("the key was not used up: " + retried).isEqualTo(200);
        assertThat(shop.stock(sku, "onHand")).isEqualTo(8);
    }

    @Test
    void everyConnectionOfThePoolCarriesTheTimeouts() {
        assertThat(jdbc.sql("select current_setting('lock_timeout')").query(String.class).single()).isEqualTo("3s");
        assertThat(jdbc.sql("select current_setting('statement_timeout')").query(String.class).single()).isEqualTo("30s");
        assertThat(jdbc.sql("select current_setting('idle_in_transaction_session_timeout')").query(String.class).single())
                .isEqualTo("1min");
    }

    private long movements(String sku) {
        return jdbc.sql("select count(*) from inventory.movements where sku = :sku").param("sku", sku)
                .query(Long.class).single();
    }
}
