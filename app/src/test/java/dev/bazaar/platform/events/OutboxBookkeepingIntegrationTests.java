package dev.bazaar.platform.events;

import dev.bazaar.BazaarIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox writes no {@code PROCESSING} mark, and redelivery does not need one: a publication without a completion
 * date is found for resubmission whatever its status, and completing it deletes it.
 */
@BazaarIntegrationTest
class OutboxBookkeepingIntegrationTests {

    @Autowired
    EventPublicationRepository repository;
    @Autowired
    JdbcClient jdbc;

    record Probe(String id) {
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
