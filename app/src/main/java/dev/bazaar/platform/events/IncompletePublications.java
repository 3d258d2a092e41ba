package dev.bazaar.platform.events;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

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

    IncompletePublications(IncompleteEventPublications incomplete, @Value("${bazaar.events.resubmit-after:30s}") Duration grace) {
        this.incomplete = incomplete;
        this.grace = grace;
    }

    @Scheduled(fixedDelayString = "${bazaar.events.resubmit-interval:15s}", initialDelayString = "${bazaar.events.resubmit-interval:15s}")
    void resubmit() {
        incomplete.resubmitIncompletePublicationsOlderThan(grace);
    }
}
