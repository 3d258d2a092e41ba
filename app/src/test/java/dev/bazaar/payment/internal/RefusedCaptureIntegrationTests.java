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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A capture the Payment System refuses is parked at once, not redelivered by the outbox for ever: the admin sees it in
 * the list and the gauge, and a retry asks the provider again. A capture that fails for now (the provider is busy)
 * stays with the outbox as before.
 */
@PaymentRetriesRunByTests
class RefusedCaptureIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RefusedCaptures refusedCaptures;
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
    void aRefusedCaptureIsParkedAtOnceAndAnAdminsRetryAsksTheProviderAgain() {
        String order = confirmedOrder();
        provider.cancel(intentOf(order));
        double gaugeBefore = parked.gauge("capture");
        long callsBefore = provider.calls("capture");

        String capture = "shipment:" + ship(order);

        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(capture).isPresent());
        assertThat(attempts(capture)).contains(1);
        assertThat(provider.calls("capture")).as("asked once: a refusal is not asked again at once").isEqualTo(callsBefore + 1);
        assertThat(incompletePublications(capture)).as("the outbox is done with it").isZero();
        assertThat(captureStatus(capture)).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(parked.gauge("capture")).isEqualTo(gaugeBefore + 1));
        var item = parked.find("capture", order).orElseThrow();
        assertThat(item.path("attempts").asInt()).isEqualTo(1);
        assertThat(item.path("lastError").asString()).isEqualTo("Refused: HTTP 409");

        assertThat(parked.retry(item.path("id").asString()).status()).isEqualTo(202);

        assertThat(parked.find("capture", order)).as("no longer parked").isEmpty();
        assertThat(parked.gauge("capture")).isEqualTo(gaugeBefore);

        refusedCaptures.retryDue();

        assertThat(provider.calls("capture")).as("the retry asked the provider").isEqualTo(callsBefore + 2);
        assertThat(parked.find("capture", order)).as("refused again, parked again")
                .hasValueSatisfying(again -> assertThat(again.path("attempts").asInt()).isEqualTo(2));
        assertThat(parked.gauge("capture")).isEqualTo(gaugeBefore + 1);
        refusedCaptures.retryDue();
        assertThat(provider.calls("capture")).as("parked work is left alone").isEqualTo(callsBefore + 2);
    }

    @Test
    void aCaptureThatFailsForNowIsLeftToTheOutboxNotParked() throws Exception {
        String order = confirmedOrder();
        long callsBefore = provider.calls("capture");
        String capture;
        try (var busy = provider.busyWith(intentOf(order))) {
            capture = "shipment:" + ship(order);
            await().atMost(Duration.ofSeconds(30)).until(() -> failedPublications(capture) == 1);
        }
        assertThat(provider.calls("capture")).as("a 503 is asked once more at once").isEqualTo(callsBefore + 2);
        assertThat(attempts(capture)).as("not counted as refused").isEmpty();
        assertThat(incompletePublications(capture)).as("the outbox redelivers it").isEqualTo(1);
    }

    private String confirmedOrder() {
        String sku = shop.product("10.00", 5);
        String order = shop.buy(shop.newCustomer(), "tok_visa", Map.of(sku, 1)).text("id");
        shop.awaitStatus(order, "CONFIRMED");
        return order;
    }

    private String ship(String order) {
        var shipment = shop.staff().post("/api/fulfillment/orders/" + order + "/shipments",
                Map.of("carrier", "UPS", "trackingNumber", "1Z"));
        assertThat(shipment.status()).as(shipment.toString()).isEqualTo(201);
        return shipment.text("id");
    }

    private String intentOf(String order) {
        return shop.staff().get("/api/orders/" + order).json().path("payment").path("intentId").asString();
    }

    private Optional<Integer> attempts(String capture) {
        return jdbc.sql("select attempts from platform.failed_work where kind = 'capture' and key = :key")
                .param("key", capture).query(Integer.class).optional();
    }

    private String captureStatus(String capture) {
        return jdbc.sql("select status from payment.captures where reference = :reference").param("reference", capture)
                .query(String.class).single();
    }

    private long incompletePublications(String capture) {
        return jdbc.sql("""
                        select count(*) from events.event_publication
                        where listener_id = 'payment.capture' and completion_date is null and serialized_event like :reference""")
                .param("reference", "%" + capture + "%").query(Long.class).single();
    }

    private long failedPublications(String capture) {
        return jdbc.sql("""
                        select count(*) from events.event_publication
                        where listener_id = 'payment.capture' and status = 'FAILED' and serialized_event like :reference""")
                .param("reference", "%" + capture + "%").query(Long.class).single();
    }
}
