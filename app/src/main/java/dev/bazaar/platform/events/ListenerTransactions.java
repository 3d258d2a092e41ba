package dev.bazaar.platform.events;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last step of an outbox listener that runs outside a transaction (because it calls a remote system, and no open
 * transaction may wait on one, or because its work is one write): the write that records the outcome, in a new
 * transaction that also completes the listener's publication. Outcome and completion commit together, one commit where
 * Modulith would make two; if the write fails, both roll back and the publication stays for redelivery. Called from
 * anything but an outbox listener's run, it is just a new transaction.
 * <p>
 * <b>Group commit</b> ({@link #finishInAGroup}, {@code bazaar.events.group-commit}, on by default). Listener runs
 * that finish while another group is committing wait for it, then commit together: their writes one after the other
 * in one transaction, with their publications completed in one round trip, and one commit for all. Under load a
 * transaction, a connection and a commit are shared by several listener runs (the notifications of order changes);
 * when the shop is quiet, a group is one run and nothing waits. The writes are idempotent, as every listener is, so a
 * group whose write fails is rolled back whole and each of its writes is run again alone: only the failing one fails,
 * and only its publication stays for redelivery. See ADR 0010.
 * <p>
 * With {@code bazaar.events.bookkeeping-shortcuts=false} ({@link OutboxBookkeeping}) neither completes a publication:
 * the write commits alone or in its group, and Modulith completes the publication after the listener returns, as it
 * ships.
 */
@Component
public class ListenerTransactions {

    /** Enough to share a commit widely; small enough that a group's transaction stays short. */
    static final int MOST_IN_A_GROUP = 32;

    private final PlatformTransactionManager transactions;
    private final PublicationCompletion completion;
    private final boolean groupCommit;
    private final boolean completesPublications;
    private final DistributionSummary groupSizes;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition groupDone = lock.newCondition();
    private final ArrayDeque<Finish> waiting = new ArrayDeque<>();
    private boolean committing;

    ListenerTransactions(PlatformTransactionManager transactions, PublicationCompletion completion,
                         @Value("${bazaar.events.group-commit}") boolean groupCommit,
                         @Value("${" + OutboxBookkeeping.SHORTCUTS + ":true}") boolean bookkeepingShortcuts,
                         MeterRegistry meters) {
        this.transactions = transactions;
        this.completion = completion;
        this.groupCommit = groupCommit;
        this.completesPublications = bookkeepingShortcuts;
        this.groupSizes = DistributionSummary.builder("bazaar.events.group.commits")
                .description("Listener runs' finishing writes committed together in one transaction")
                .baseUnit("writes")
                .register(meters);
    }

    public void finish(Runnable write) {
        alone(write, ListenerRun.current());
    }

    /**
     * As {@link #finish}, but committed in a group with the finishing writes of other runs at the same time: for a
     * write that can wait a few milliseconds for the group before it (a notification can; the record of a Payment
     * System's answer, which its webhook may overtake, should not).
     */
    public void finishInAGroup(Runnable write) {
        var run = ListenerRun.current();
        if (!groupCommit || run == null || run.publication == null) {
            alone(write, run);
            return;
        }
        var mine = new Finish(write, run.publication);
        commitInAGroup(mine);
        switch (mine.failure) {
            case null -> { }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(mine.failure);
        }
        run.completedInListenerTransaction = completesPublications;
    }

    /** Finishing writes waiting for the group before them to commit. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** The write in a transaction of its own, completing the run's publication through {@code OutboxBookkeeping} (with its shortcuts on). */
    private void alone(Runnable write, @Nullable ListenerRun run) {
        var template = newTransaction();
        if (run != null) {
            // the name OutboxBookkeeping's completion looks for: that of the listener method's own transaction
            template.setName(run.transactionName);
        }
        template.executeWithoutResult(status -> write.run());
    }

    /** Waits while a group commits; the first to find none committing takes everyone waiting in with it. */
    private void commitInAGroup(Finish mine) {
        List<Finish> group;
        lock.lock();
        try {
            waiting.addLast(mine);
            while (committing && !mine.done) {
                groupDone.awaitUninterruptibly(); // the write must end one way or the other before the run ends
            }
            if (mine.done) {
                return;
            }
            committing = true;
            group = new ArrayList<>();
            while (!waiting.isEmpty() && group.size() < MOST_IN_A_GROUP) {
                group.add(waiting.pollFirst());
            }
        } finally {
            lock.unlock();
        }
        try {
            commit(group);
            groupSizes.record(group.size());
        } finally {
            lock.lock();
            try {
                group.forEach(finish -> finish.done = true);
                committing = false;
                groupDone.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void commit(List<Finish> group) {
        try {
            together(group);
        } catch (Throwable e) {
            if (group.size() == 1) {
                group.getFirst().failure = e;
                return;
            }
            // nothing of the group committed: each write again alone, so that only the failing one fails
            for (var finish : group) {
                try {
                    together(List.of(finish));
                } catch (Throwable alone) {
                    finish.failure = alone;
                }
            }
        }
    }

    private void together(List<Finish> group) {
        var template = newTransaction();
        template.setName("outbox listeners' finishing writes"); // not a listener's own: OutboxBookkeeping leaves it alone
        template.executeWithoutResult(status -> {
            group.forEach(finish -> finish.write.run());
            if (completesPublications) {
                completion.complete(group.stream().map(Finish::publication).toList());
            }
        });
    }

    private TransactionTemplate newTransaction() {
        var template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }

    /** One listener run's write, waiting to commit. */
    private static final class Finish {
        final Runnable write;
        final UUID publication;
        /** Set under the lock once its group has ended. */
        boolean done;
        @Nullable Throwable failure;

        Finish(Runnable write, UUID publication) {
            this.write = write;
            this.publication = publication;
        }

        UUID publication() {
            return publication;
        }
    }
}
