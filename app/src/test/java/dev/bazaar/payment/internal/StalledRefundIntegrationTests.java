package dev.bazaar.payment.internal;

import dev.bazaar.ParkedWorkAdmin;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import dev.bazaar.psp.internal.PspSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A refund the Payment System does not take is counted and tried again by the stalled-refund job only once its
 * back-off has passed; after the last attempt (here the second) it is parked until an admin retries it, and once it
 * goes through it is forgotten.
 */
@PaymentRetriesRunByTests
class StalledRefundIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StalledRefunds stalledRefunds;
    @Autowired
    PspSettings pspSettings;
    @Autowired
    DataSource dataSource;
    @Autowired
    MeterRegistry meters;
    Shop shop;
    ParkedWorkAdmin parked;
    AtTheProvider provider;

    @BeforeEach
    void setUp() {
        var api = new TestApi(port);
        shop = new Shop(api);
        parked = new ParkedWorkAdmin(shop.admin());
        provider = new AtTheProvider(api, pspSettings, dataSource, meters);
    }

    @Test
    void aFailingRefundBacksOffIsParkedAfterItsLastAttemptAndGoesThroughOnAnAdminsRetry() throws Exception {
        String order = shippedOrder();
        String intent = shop.staff().get("/api/orders/" + order).json().path("payment").path("intentId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> pspCaptured(intent) > 0);
        double gaugeBefore = parked.gauge("refund");
        String refund;
        try (var busy = provider.busyWith(intent)) {
            refund = refund(order);
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(refund).isPresent());
            assertThat(attempts(refund)).as("the listener's call, counted").contains(1);
            long calls = provider.calls("refunds");
            makeStale(refund);

            stalledRefunds.retry();
            assertThat(provider.calls("refunds")).as("not tried while it backs off").isEqualTo(calls);

            backOffOver(refund);
            stalledRefunds.retry();
            assertThat(attempts(refund)).contains(2);
            assertThat(provider.calls("refunds")).isGreaterThan(calls);
        }
        long calls = provider.calls("refunds");
        backOffOver(refund);
        stalledRefunds.retry();
        assertThat(provider.calls("refunds")).as("parked: left alone though the provider would take it now").isEqualTo(calls);
        assertThat(refundStatus(refund)).isEqualTo("PENDING");
        assertThat(parked.gauge("refund")).isEqualTo(gaugeBefore + 1);
        var item = parked.find("refund", order).orElseThrow();
        assertThat(item.path("attempts").asInt()).isEqualTo(2);
        assertThat(item.path("lastError").asString()).isEqualTo("GatewayException: HTTP 503");

        assertThat(parked.retry(item.path("id").asString()).status()).isEqualTo(202);
        assertThat(parked.gauge("refund")).isEqualTo(gaugeBefore);
        stalledRefunds.retry();

        assertThat(refundStatus(refund)).isEqualTo("SUCCEEDED");
        assertThat(pspRefunded(intent)).isEqualTo(500);
        assertThat(attempts(refund)).as("forgotten once it went through").isEmpty();
        assertThat(parked.find("refund", order)).isEmpty();
    }

    private String shippedOrder() {
        String sku = shop.product("10.00", 5);
        String order = shop.buy(shop.newCustomer(), "tok_visa", Map.of(sku, 1)).text("id");
        shop.awaitStatus(order, "CONFIRMED");
        assertThat(shop.staff().post("/api/fulfillment/orders/" + order + "/shipments",
                Map.of("carrier", "UPS", "trackingNumber", "1Z")).status()).isEqualTo(201);
        return order;
    }

    private String refund(String order) {
        var refund = shop.admin().with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/admin/orders/" + order + "/refunds",
                        Map.of("amount", Map.of("amount", "5.00", "currency", "EUR"), "reason", "goodwill"));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        return refund.text("id");
    }

    /** The job looks only at refunds pending for over a minute: the listener may still be on its way with newer ones. */
    private void makeStale(String refund) {
        jdbc.sql("update payment.refunds set created_at = created_at - interval '2 minutes' where id = :id")
                .param("id", UUID.fromString(refund)).update();
    }

    private void backOffOver(String refund) {
        jdbc.sql("update platform.failed_work set next_try_at = now() - interval '1 second' where kind = 'refund' and key = :key")
                .param("key", refund).update();
    }

    private Optional<Integer> attempts(String refund) {
        return jdbc.sql("select attempts from platform.failed_work where kind = 'refund' and key = :key")
                .param("key", refund).query(Integer.class).optional();
    }

    private String refundStatus(String refund) {
        return jdbc.sql("select status from payment.refunds where id = :id").param("id", UUID.fromString(refund))
                .query(String.class).single();
    }

    private long pspCaptured(String intent) {
        return jdbc.sql("select captured from psp.intents where id = :id").param("id", intent).query(Long.class).single();
    }

    private long pspRefunded(String intent) {
        return jdbc.sql("select refunded from psp.intents where id = :id").param("id", intent).query(Long.class).single();
    }
}
