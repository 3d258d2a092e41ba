package dev.bazaar.payment;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.TestApi;
import dev.bazaar.platform.secrets.Secrets;
import dev.bazaar.shared.web.WebhookSignature;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks are checked before they take a database connection, and at most a few (bazaar.payment.webhooks.max-concurrent,
 * 4) are handled at once. The test holds every connection of the pool, as a flood of requests would.
 */
@BazaarIntegrationTest
class WebhookAdmissionIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    Secrets secrets;
    @Autowired
    DataSource dataSource;

    private final List<Connection> held = new ArrayList<>();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void letGo() {
        releaseThePool();
        senders.close();
    }

    @Test
    void forgedWebhooksAreRefusedWithoutADatabaseConnectionEvenWhenThePoolIsExhausted() throws Exception {
        var api = new TestApi(port);
        secret();
        holdEveryConnection();

        var forged = new ArrayList<CompletableFuture<TestApi.Response>>();
        for (int i = 0; i < 20; i++) {
            String body = event(UUID.randomUUID().toString());
            String signature = WebhookSignature.sign("not-the-secret-at-all", Instant.now(), body);
            forged.add(CompletableFuture.supplyAsync(() -> webhook(api, body, signature), senders));
        }
        forged.add(CompletableFuture.supplyAsync(() -> webhook(api, event("unsigned"), null), senders));

        await().atMost(Duration.ofSeconds(15)).until(() -> forged.stream().allMatch(CompletableFuture::isDone));
        assertThat(forged).allSatisfy(response -> {
            assertThat(response.join().status()).isEqualTo(400);
            assertThat(response.join().text("type")).endsWith("/bad-signature");
        });
    }

    @Test
    void genuineWebhooksBeyondTheBoundAreToldToComeBackAndTheOthersAreHandledOnceThePoolFrees() throws Exception {
        var api = new TestApi(port);
        secret();
        holdEveryConnection();

        var genuine = new ArrayList<CompletableFuture<TestApi.Response>>();
        for (int i = 0; i < 5; i++) {
            String body = event(UUID.randomUUID().toString());
            genuine.add(CompletableFuture.supplyAsync(() -> webhook(api, body, WebhookSignature.sign(secret(), Instant.now(), body)), senders));
        }
        // four wait for a connection inside the bound; the fifth waits its queue timeout (2 s) and is refused
        await().atMost(Duration.ofSeconds(20)).until(() -> genuine.stream().filter(CompletableFuture::isDone).count() == 1);
        var refused = genuine.stream().filter(CompletableFuture::isDone).findFirst().orElseThrow().join();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.text("type")).endsWith("/overloaded");

        releaseThePool();
        await().atMost(Duration.ofSeconds(20)).until(() -> genuine.stream().allMatch(CompletableFuture::isDone));
        assertThat(genuine.stream().map(response -> response.join().status()).toList())
                .containsExactlyInAnyOrder(200, 200, 200, 200, 503);
    }

    private void holdEveryConnection() throws SQLException {
        int size = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
        for (int i = 0; i < size; i++) {
            held.add(dataSource.getConnection());
        }
    }

    private void releaseThePool() {
        for (Connection connection : held) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // back to the pool anyway
            }
        }
        held.clear();
    }

    private String secret() {
        return secrets.configuredOrGenerated("psp-webhook", "");
    }

    /** A success event for an intent nobody knows: a genuine one is answered 200 and ignored. */
    private static String event(String id) {
        return """
                {"id":"evt_%s","type":"payment_intent.succeeded","created":%d,"data":{"intentId":"pi_%s","orderId":"%s"}}"""
                .formatted(id, Instant.now().getEpochSecond(), id, UUID.randomUUID());
    }

    private static TestApi.Response webhook(TestApi api, String body, String signature) {
        var call = signature == null ? api : api.with(WebhookSignature.HEADER, signature);
        return call.postRaw("/api/payments/webhooks/sandbox", body);
    }
}
