package dev.bazaar.platform.events;

import dev.bazaar.BazaarIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox writes no {@code PROCESSING} mark, and redelivery does not need one: a publication without a completion
 * date is found for resubmission whatever its status, and completing it deletes it. A listener with a transaction of
 * its own completes its publication in that transaction; one that fails leaves it for redelivery; one that runs
 * outside a transaction has it completed with its finishing write ({@link ListenerTransactions}), or else after it
 * returns, as Modulith does.
 */
@BazaarIntegrationTest
class OutboxBookkeepingIntegrationTests {

    @Autowired
    EventPublicationRepository repository;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutboxProbes probes;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    EventSerializer serializer;
    @Autowired
    JsonMapper mapper;

    record Probe(String id) {
    }

    @Test
    void aListenerWithATransactionOfItsOwnCompletesItsPublicationInIt() {
        String id = UUID.randomUUID().toString();

        publish(new OutboxProbes.Probe(id, false));

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.leftAtCommit(id) != null);
        assertThat(probes.leftAtCommit(id)).as("publications left once the listener's transaction committed").isZero();
        assertThat(probes.runs(id)).isOne();
    }

    @Test
    void aListenerTransactionThatCompletesItsPublicationCommitsWithoutWaitingForTheDisk() {
        String id = UUID.randomUUID().toString();
        String finishing = UUID.randomUUID().toString();

        publish(new OutboxProbes.Probe(id, false));
        publish(new OutboxProbes.ProbeFinishingInTransaction(finishing, false));

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.leftAtCommit(id) != null && probes.leftAtCommit(finishing) != null);
        assertThat(probes.commitMode(id)).isEqualTo("off session");
        assertThat(probes.commitMode(finishing)).isEqualTo("off session");
    }

    @Test
    void aTransactionThatIsNoListenersOwnKeepsTheServersDurableCommit() {
        String mode = transaction.execute(status -> {
            events.publishEvent(new OutboxProbes.ProbeOutsideTransaction(UUID.randomUUID().toString()));
            return probes.commitModeOfThisTransaction();
        });

        assertThat(mode).doesNotEndWith("session");
    }

    @Test
    void aListenerThatFailsLeavesItsPublicationForRedelivery() {
        String id = UUID.randomUUID().toString();

        publish(new OutboxProbes.Probe(id, true));

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.runs(id) == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> probes.publicationsOf(id) == 1);
        assertThat(jdbc.sql("select count(*) from events.event_publication where serialized_event like :pattern and completion_date is null")
                .param("pattern", "%" + id + "%").query(Integer.class).single()).isOne();
        forgetPublicationsOf(id);
    }

    @Test
    void aPublicationHoldsItsEventAsTheApplicationsJsonMapperWritesIt() {
        String id = UUID.randomUUID().toString();
        var probe = new OutboxProbes.Probe(id, true);

        publish(probe);

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.runs(id) == 1);
        String stored = jdbc.sql("select serialized_event from events.event_publication where serialized_event like :pattern")
                .param("pattern", "%" + id + "%").query(String.class).single();
        assertThat(serializer).isInstanceOf(OutboxSerialization.OncePerEventSerializer.class);
        assertThat(stored).isEqualTo(mapper.writeValueAsString(probe));
        assertThat(serializer.deserialize(stored, OutboxProbes.Probe.class)).isEqualTo(probe);
        forgetPublicationsOf(id);
    }

    @Test
    void aListenerOutsideATransactionHasItsPublicationCompletedAfterItReturns() {
        String id = UUID.randomUUID().toString();

        publish(new OutboxProbes.ProbeOutsideTransaction(id));

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.runs(id) == 1 && probes.publicationsOf(id) == 0);
    }

    @Test
    void aListenerOutsideATransactionCompletesItsPublicationWithItsFinishingWrite() {
        String id = UUID.randomUUID().toString();

        publish(new OutboxProbes.ProbeFinishingInTransaction(id, false));

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.leftAtCommit(id) != null);
        assertThat(probes.leftAtCommit(id)).as("publications left once the finishing write committed").isZero();
    }

    @Test
    void aFinishingWriteThatFailsLeavesThePublicationForRedelivery() {
        String id = UUID.randomUUID().toString();

        publish(new OutboxProbes.ProbeFinishingInTransaction(id, true));

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.runs(id) == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> probes.publicationsOf(id) == 1);
        assertThat(probes.leftAtCommit(id)).isNull();
        forgetPublicationsOf(id);
    }

    private void publish(Object event) {
        transaction.executeWithoutResult(status -> events.publishEvent(event));
    }

    /** A failed probe's publication would be redelivered to later tests; they start without it. */
    private void forgetPublicationsOf(String id) {
        jdbc.sql("delete from events.event_publication where serialized_event like :pattern").param("pattern", "%" + id + "%").update();
    }

    @Test
    void aPublicationInProgressIsNotMarkedYetStaysUpForRedeliveryUntilCompleted() {
        var publication = repository.create(TargetEventPublication.of(new Probe(UUID.randomUUID().toString()),
                PublicationTargetIdentifier.of("test.outbox-bookkeeping")));
        UUID id = publication.getIdentifier();

        repository.markProcessing(id);

        assertThat(statusOf(id)).containsExactly("PUBLISHED");
        assertThat(repository.findIncompletePublicationsPublishedBefore(Instant.now().plusSeconds(1)))
                .extracting(TargetEventPublication::getIdentifier).contains(id);

        repository.markCompleted(id, Instant.now());

        assertThat(statusOf(id)).isEmpty();
    }

    private List<String> statusOf(UUID id) {
        return jdbc.sql("select status from events.event_publication where id = :id").param("id", id)
                .query(String.class).list();
    }
}
