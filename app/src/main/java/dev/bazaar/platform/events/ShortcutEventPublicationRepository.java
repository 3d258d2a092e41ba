package dev.bazaar.platform.events;

import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Spring Modulith's event publication repository with the outbox's bookkeeping shortcuts ({@link OutboxBookkeeping}):
 * it learns each listener run's publication as Modulith marks it processing, and, with the shortcuts on, writes no
 * {@code PROCESSING} mark and skips the completion of a publication already completed in its listener's transaction.
 * Every other method, default ones included, is handed to Modulith's repository, so that its overrides (the JDBC
 * repository's {@code markFailed}, {@code markResubmitted}, ...) run and not the interface's defaults;
 * {@code ShortcutEventPublicationRepositoryTests} fails when an upgrade adds a method this class does not declare.
 */
final class ShortcutEventPublicationRepository implements EventPublicationRepository {

    private final EventPublicationRepository modulith;
    private final boolean shortcuts;

    ShortcutEventPublicationRepository(EventPublicationRepository modulith, boolean shortcuts) {
        this.modulith = modulith;
        this.shortcuts = shortcuts;
    }

    /** The id is what {@link IncompletePublications#failed} counts a failed run against, with the shortcuts or without. */
    @Override
    public void markProcessing(UUID identifier) {
        var run = ListenerRun.current();
        if (run != null && run.publication == null) {
            run.publication = identifier;
        }
        if (!shortcuts) {
            modulith.markProcessing(identifier);
        }
    }

    @Override
    public void markCompleted(TargetEventPublication publication, Instant completionDate) {
        if (completedInListenerTransaction(publication.getIdentifier())) {
            publication.markCompleted(completionDate); // as Modulith would, without the statement that finds nothing
            return;
        }
        modulith.markCompleted(publication, completionDate);
    }

    @Override
    public void markCompleted(UUID identifier, Instant completionDate) {
        if (completedInListenerTransaction(identifier)) {
            return;
        }
        modulith.markCompleted(identifier, completionDate);
    }

    private boolean completedInListenerTransaction(UUID identifier) {
        var run = ListenerRun.current();
        return shortcuts && run != null && run.completed(identifier);
    }

    @Override
    public TargetEventPublication create(TargetEventPublication publication) {
        return modulith.create(publication);
    }

    @Override
    public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
        modulith.markCompleted(event, identifier, completionDate);
    }

    @Override
    public void markFailed(UUID identifier) {
        modulith.markFailed(identifier);
    }

    @Override
    public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
        return modulith.markResubmitted(identifier, resubmissionDate);
    }

    @Override
    public List<TargetEventPublication> findIncompletePublications() {
        return modulith.findIncompletePublications();
    }

    @Override
    public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
        return modulith.findIncompletePublicationsPublishedBefore(instant);
    }

    @Override
    public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(
            Object event, PublicationTargetIdentifier targetIdentifier) {
        return modulith.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
    }

    @Override
    public List<TargetEventPublication> findCompletedPublications() {
        return modulith.findCompletedPublications();
    }

    @Override
    public void deletePublications(List<UUID> identifiers) {
        modulith.deletePublications(identifiers);
    }

    @Override
    public void deleteCompletedPublications() {
        modulith.deleteCompletedPublications();
    }

    @Override
    public void deleteCompletedPublicationsBefore(Instant instant) {
        modulith.deleteCompletedPublicationsBefore(instant);
    }

    @Override
    public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
        return modulith.findFailedPublications(criteria);
    }

    @Override
    public List<TargetEventPublication> findByStatus(Status status) {
        return modulith.findByStatus(status);
    }

    @Override
    public int countByStatus(Status status) {
        return modulith.countByStatus(status);
    }
}
