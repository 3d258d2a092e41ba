package dev.bazaar.platform.events;

import dev.bazaar.BazaarIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Listener runs that finish while a group of others commits wait for it and commit together in the next: one
 * transaction, their publications completed in it. A write that fails in a group fails alone.
 */
@BazaarIntegrationTest
class ListenerGroupCommitIntegrationTests {

    @Autowired
    ListenerTransactions transactions;
    @Autowired
    EventPublicationRepository repository;
    @Autowired
    JdbcClient jdbc;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    /** Each write's transaction, as PostgreSQL numbers it. */
    private final Map<String, Long> transactionOf = new ConcurrentHashMap<>();
    private final List<UUID> publications = new ArrayList<>();

    record Finished(String name) {
    }

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
        publications.forEach(id -> jdbc.sql("delete from events.event_publication where id = :id").param("id", id).update());
    }

    @Test
    void writesThatFinishWhileAGroupCommitsCommitTogetherInTheNextOne() throws Exception {
        var runs = queuedBehindAHeldGroup("second", "third", "fourth");

        for (var run : runs) {
            assertThat(run.result.get(10, TimeUnit.SECONDS)).as("completed in its listener transaction").isTrue();
            assertThat(publicationExists(run.publication)).isFalse();
        }
        assertThat(transactionOf.get("second")).isEqualTo(transactionOf.get("third")).isEqualTo(transactionOf.get("fourth"))
                .isNotEqualTo(transactionOf.get("first"));
    }

    @Test
    void aWriteThatFailsInAGroupFailsAloneAndTheOthersCommit() throws Exception {
        var runs = queuedBehindAHeldGroup("before", "failing", "after");
        var failing = runs.remove(2);

        for (var run : runs) {
            assertThat(run.result.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(publicationExists(run.publication)).isFalse();
        }
        assertThatThrownBy(() -> failing.result.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("failing fails, as asked");
        assertThat(publicationExists(failing.publication)).as("left for redelivery").isTrue();
        assertThat(transactionOf.get("before")).as("each again alone").isNotEqualTo(transactionOf.get("after"));
    }

    @Test
    void aWriteOutsideAListenerRunIsJustANewTransaction() {
        transactions.finishInAGroup(() -> transactionOf.put("outside", currentTransaction()));

        assertThat(transactionOf).containsKey("outside");
        assertThat(transactions.waiting()).isZero();
    }

    /**
     * A run named {@code first} whose write holds its group until {@link #release}, the named runs queued behind it
     * (the one named {@code failing} fails), then the release: the runs in that order.
     */
    private List<Run> queuedBehindAHeldGroup(String... names) {
        var queued = new ArrayList<Run>();
        queued.add(runHeldUntilReleased());
        for (String name : names) {
            queued.add(run(name, name.equals("failing")));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> transactions.waiting() == names.length);
        release.countDown();
        return queued;
    }

    /** A listener run whose write waits for {@link #release}, so that the runs after it queue behind its group. */
    private Run runHeldUntilReleased() {
        var run = start("first", () -> {
            transactionOf.put("first", currentTransaction());
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> transactionOf.containsKey("first"));
        return run;
    }

    private Run run(String name, boolean fail) {
        int before = transactions.waiting();
        var run = start(name, () -> {
            transactionOf.put(name, currentTransaction());
            if (fail) {
                throw new IllegalStateException(name + " fails, as asked");
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> transactions.waiting() == before + 1);
        return run;
    }

    /** As Modulith runs a listener: a run on its own thread that knows its publication, then the finishing write. */
    private Run start(String name, Runnable write) {
        UUID publication = repository.create(TargetEventPublication.of(new Finished(name + " " + UUID.randomUUID()),
                PublicationTargetIdentifier.of("test.group-commit"))).getIdentifier();
        publications.add(publication);
        Future<Boolean> result = threads.submit(() -> {
            var outer = ListenerRun.open("test.group-commit." + name);
            try {
                ListenerRun.current().publication = publication;
                transactions.finishInAGroup(write);
                return ListenerRun.current().completedInListenerTransaction;
            } finally {
                ListenerRun.restore(outer);
            }
        });
        return new Run(publication, result);
    }

    private long currentTransaction() {
        return jdbc.sql("select pg_current_xact_id()::text::bigint").query(Long.class).single();
    }

    private boolean publicationExists(UUID id) {
        return jdbc.sql("select count(*) from events.event_publication where id = :id").param("id", id)
                .query(Integer.class).single() == 1;
    }

    private record Run(UUID publication, Future<Boolean> result) {
    }
}
