package dev.bazaar.platform.events;

import dev.bazaar.platform.db.AsynchronousCommit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.core.EventPublicationRepository;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Completes outbox publications in the transaction that commits their listeners' work. In {@code delete} mode with
 * asynchronous listener commits, the statement that deletes a publication also makes this commit asynchronous, in the
 * same round trip (ADR 0009); otherwise each is completed as Modulith completes it.
 */
final class PublicationCompletion {

    private final ObjectProvider<EventPublicationRepository> repository;
    private final ObjectProvider<JdbcTemplate> jdbc;
    private final Clock clock;
    private final @Nullable String deleteCommittingAsynchronously;

    PublicationCompletion(ObjectProvider<EventPublicationRepository> repository, ObjectProvider<JdbcTemplate> jdbc,
                          Clock clock, boolean asynchronousCommit, String completionMode, String schema) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.clock = clock;
        this.deleteCommittingAsynchronously = asynchronousCommit && completionMode.equalsIgnoreCase("delete")
                ? "delete from " + schema + ".event_publication where id = ? and " + AsynchronousCommit.CONDITION
                : null;
    }

    /** Completes them in the transaction open on this thread (safe only where their listeners' work commits with it). */
    void complete(List<UUID> publications) {
        if (deleteCommittingAsynchronously == null) {
            publications.forEach(id -> repository.getObject().markCompleted(id, clock.instant()));
        } else if (publications.size() == 1) {
            jdbc.getObject().update(deleteCommittingAsynchronously, publications.getFirst());
        } else {
            // one round trip: pgjdbc sends a batch's statements together
            jdbc.getObject().batchUpdate(deleteCommittingAsynchronously,
                    publications.stream().map(id -> new Object[] {id}).toList());
        }
    }
}
