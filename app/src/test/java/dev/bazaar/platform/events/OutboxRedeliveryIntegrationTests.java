package dev.bazaar.platform.events;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.platform.work.FailedWork;
import dev.bazaar.shared.ids.OrderId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redelivery of the outbox goes by the shop's one retry policy: a listener that keeps failing is tried again only
 * after its back-off, parked after its attempts until an admin retries it, and forgotten once it succeeds; a
 * publication whose resubmission was abandoned (its instance stopped) is delivered again. The redelivery here runs
 * every 250 ms and takes publications from 1 s old, so without the back-off a failing one would be tried several
 * times a second.
 */
@BazaarIntegrationTest
@TestPropertySource(properties = {
        "bazaar.events.resubmit-after=1s",
        "bazaar.events.resubmit-interval=250ms",
        "bazaar.events.resubmission-abandoned-after=2s",
        "bazaar.retries.max-attempts=3",
        "bazaar.retries.first-backoff=3s",
        "bazaar.retries.max-backoff=4s"})
class OutboxRedeliveryIntegrationTests {

    @Autowired
    OutboxProbes probes;
    @Autowired
    FailedWork failedWork;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JsonMapper mapper;

    private final List<String> probeIds = new ArrayList<>();

    @Test
    void aListenerThatKeepsFailingBacksOffIsParkedAfterItsAttemptsAndRunsAgainWhenAnAdminRetriesIt() {
        var probe = probe(Integer.MAX_VALUE);

        publish(probe);

        await().atMost(Duration.ofSeconds(5)).until(() -> probes.runs(probe.id()) == 1);
        UUID publication = publicationOf(probe);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2)).until(() -> probes.runs(probe.id()) == 1);
        assertThat(attemptsOf(publication)).as("failures counted against the publication").contains(1);

        await().atMost(Duration.ofSeconds(12)).until(() -> probes.runs(probe.id()) == 3);
        var parked = await().atMost(Duration.ofSeconds(2)).until(() -> parkedEntryOf(probe), Optional::isPresent).orElseThrow();
        assertThat(parked.kind()).isEqualTo("outbox");
        assertThat(parked.attempts()).isEqualTo(3);
        assertThat(parked.lastError()).isEqualTo("IllegalStateException");
        assertThat(parked.reference()).isEqualTo("test.outbox-probe-failing on FailingProbe orderId=" + probe.orderId());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> probes.runs(probe.id()) == 3);
        assertThat(probes.publicationsOf(probe.id())).as("a parked publication stays in the outbox").isOne();

        assertThat(failedWork.retry(parked.id())).isTrue();

        await().atMost(Duration.ofSeconds(3)).until(() -> probes.runs(probe.id()) == 4);
        await().atMost(Duration.ofSeconds(2)).until(() -> parkedEntryOf(probe).map(FailedWork.Parked::attempts).orElse(0) == 4);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> probes.runs(probe.id()) == 4);
    }

    @Test
    void aPublicationWhoseListenerSucceedsAtLastIsCompletedAndItsFailuresForgotten() {
        var probe = probe(1);

        publish(probe);

        await().atMost(Duration.ofSeconds(5)).until(() -> probes.runs(probe.id()) == 1);
        UUID publication = publicationOf(probe);
        await().atMost(Duration.ofSeconds(3)).until(() -> attemptsOf(publication).isPresent());
        await().atMost(Duration.ofSeconds(8)).until(() -> probes.runs(probe.id()) == 2 && probes.publicationsOf(probe.id()) == 0);
        await().atMost(Duration.ofSeconds(2)).until(() -> attemptsOf(publication).isEmpty());
    }

    @Test
    void aListenerThatSucceedsLeavesNothingInFailedWork() {
        var probe = probe(0);

        publish(probe);

        await().atMost(Duration.ofSeconds(5)).until(() -> probes.runs(probe.id()) == 1 && probes.publicationsOf(probe.id()) == 0);
        assertThat(jdbc.sql("select count(*) from platform.failed_work where reference like :pattern")
                .param("pattern", "%" + probe.orderId() + "%").query(Integer.class).single()).isZero();
    }

    @Test
    void aPublicationLeftResubmittedByAnInstanceThatStoppedIsDeliveredAgain() {
        var probe = probe(0);
        UUID publication = UUID.randomUUID();
        // as Modulith leaves it when the instance stops after marking it resubmitted, before the listener finished
        jdbc.sql("""
                        insert into events.event_publication (id, listener_id, event_type, serialized_event, publication_date,
                            status, completion_attempts, last_resubmission_date)
                        values (:id, 'test.outbox-probe-failing', :type, :event, now() - interval '10 minutes', 'RESUBMITTED', 2,
                            now() - interval '1 minute')""")
                .param("id", publication).param("type", OutboxProbes.FailingProbe.class.getName())
                .param("event", mapper.writeValueAsString(probe)).update();

        await().atMost(Duration.ofSeconds(5)).until(() -> probes.runs(probe.id()) == 1);
        await().atMost(Duration.ofSeconds(2)).until(() -> probes.publicationsOf(probe.id()) == 0);
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

    private OutboxProbes.FailingProbe probe(int failing) {
        var probe = new OutboxProbes.FailingProbe(UUID.randomUUID().toString(), OrderId.next(), failing);
        probeIds.add(probe.id());
        return probe;
    }

    private void publish(Object event) {
        transaction.executeWithoutResult(status -> events.publishEvent(event));
    }

    private UUID publicationOf(OutboxProbes.FailingProbe probe) {
        return jdbc.sql("select id from events.event_publication where serialized_event like :pattern")
                .param("pattern", "%" + probe.id() + "%").query(UUID.class).single();
    }

    private Optional<Integer> attemptsOf(UUID publication) {
        return jdbc.sql("select attempts from platform.failed_work where kind = 'outbox' and key = :key")
                .param("key", publication.toString()).query(Integer.class).optional();
    }

    private Optional<FailedWork.Parked> parkedEntryOf(OutboxProbes.FailingProbe probe) {
        return failedWork.parked(1000, 0).stream()
                .filter(parked -> parked.reference() != null && parked.reference().contains(probe.orderId().toString()))
                .findFirst();
    }
}
