package dev.bazaar.platform.events;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import dev.bazaar.shared.ids.OrderId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code bazaar.events.bookkeeping-shortcuts=false} Modulith's own bookkeeping runs as it ships: it marks a
 * publication processing and completes it after its listener's transaction, never in it, and a group of finishing
 * writes completes nothing. The shop works the same (an order is paid and confirmed, its publications are completed),
 * and a failing listener is still counted against its publication for redelivery's back-off.
 */
@BazaarIntegrationTest
@TestPropertySource(properties = "bazaar.events.bookkeeping-shortcuts=false")
class OutboxBookkeepingWithoutShortcutsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    EventPublicationRepository repository;
    @Autowired
    OutboxProbes probes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;

    private final List<String> probeIds = new ArrayList<>();

    @Test
    void anOrderIsPaidAndConfirmedAndItsPublicationsCompleted() {
        var shop = new Shop(new TestApi(port));
        String sku = shop.product("10.00", 5);

        String order = shop.buy(shop.newCustomer(), "tok_visa", Map.of(sku, 1)).text("id");

        shop.awaitStatus(order, "CONFIRMED");
        var timeline = new ArrayList<String>();
        shop.staff().get("/api/orders/" + order).json().path("timeline").forEach(entry -> timeline.add(entry.path("status").asString()));
        assertThat(timeline).containsExactly("PENDING_PAYMENT", "CONFIRMED");
        await().atMost(Duration.ofSeconds(10)).until(() -> publicationsMentioning(order) == 0);
    }

    @Test
    void aListenerWithATransactionOfItsOwnHasItsPublicationCompletedOnlyAfterItCommits() {
        String id = probe();

        publish(new OutboxProbes.Probe(id, false));

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.leftAtCommit(id) != null);
        assertThat(probes.leftAtCommit(id)).as("publications left once the listener's transaction committed").isOne();
        assertThat(probes.commitMode(id)).as("no completion in it, so nothing makes it asynchronous").doesNotEndWith("session");
        await().atMost(Duration.ofSeconds(5)).until(() -> probes.publicationsOf(id) == 0);
    }

    @Test
    void aFinishingWriteCompletesNothingAndModulithCompletesThePublicationAfterTheListener() {
        String id = probe();

        publish(new OutboxProbes.ProbeFinishingInTransaction(id, false));

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.leftAtCommit(id) != null);
        assertThat(probes.leftAtCommit(id)).as("publications left once the finishing write committed").isOne();
        await().atMost(Duration.ofSeconds(5)).until(() -> probes.publicationsOf(id) == 0);
    }

    @Test
    void modulithMarksAPublicationProcessing() {
        String id = probe();
        var publication = repository.create(TargetEventPublication.of(new OutboxProbes.Probe(id, false),
                PublicationTargetIdentifier.of("test.outbox-bookkeeping")));

        repository.markProcessing(publication.getIdentifier());

        assertThat(jdbc.sql("select status from events.event_publication where id = :id")
                .param("id", publication.getIdentifier()).query(String.class).single()).isEqualTo("PROCESSING");
        repository.markCompleted(publication.getIdentifier(), Instant.now());
        assertThat(probes.publicationsOf(id)).isZero();
    }

    @Test
    void aFailingListenerIsCountedAgainstItsPublication() {
        var probe = new OutboxProbes.FailingProbe(probe(), OrderId.next(), Integer.MAX_VALUE);

        publish(probe);

        await().atMost(Duration.ofSeconds(5)).until(() -> probes.runs(probe.id()) == 1);
        UUID publication = jdbc.sql("select id from events.event_publication where serialized_event like :pattern")
                .param("pattern", "%" + probe.id() + "%").query(UUID.class).single();
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("select attempts from platform.failed_work where kind = 'outbox' and key = :key")
                .param("key", publication.toString()).query(Integer.class).optional().orElse(0) == 1);
        assertThat(jdbc.sql("select status from events.event_publication where id = :id").param("id", publication)
                .query(String.class).single()).isEqualTo("FAILED");
    }

    @AfterEach
    void forgetProbes() {
        for (String id : probeIds) {
            jdbc.sql("""
                            delete from platform.failed_work where publication in
                            (select id from events.event_publication where serialized_event like :pattern)""")
                    .param("pattern", "%" + id + "%").update();
            jdbc.sql("delete from events.event_publication where serialized_event like :pattern")
                    .param("pattern", "%" + id + "%").update();
        }
    }

    private String probe() {
        String id = UUID.randomUUID().toString();
        probeIds.add(id);
        return id;
    }

    private void publish(Object event) {
        transaction.executeWithoutResult(status -> events.publishEvent(event));
    }

    private int publicationsMentioning(String text) {
        return jdbc.sql("select count(*) from events.event_publication where serialized_event like :pattern")
                .param("pattern", "%" + text + "%").query(Integer.class).single();
    }
}
