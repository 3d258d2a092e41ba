package dev.bazaar.platform.events;

import org.jspecify.annotations.Nullable;

import java.util.UUID;

/**
 * One run of an outbox listener on this thread, from just before Spring Modulith marks its publication processing
 * until it has marked it completed or failed. A synchronous listener run from inside another's commit opens a run of
 * its own and gives the outer one back when it ends.
 */
final class ListenerRun {

    private static final ThreadLocal<@Nullable ListenerRun> CURRENT = new ThreadLocal<>();

    /** The listener's own transaction, named as {@code TransactionInterceptor} names it: class and method. */
    final String transactionName;
    /** The publication being delivered, once Modulith has named it (it names none it does not know). */
    @Nullable UUID publication;
    /** Whether the completion already has its place in the listener's transaction. */
    boolean completionEnlisted;
    /** Set once the listener's transaction, with the completion in it, has committed. */
    volatile boolean completedInListenerTransaction;

    private ListenerRun(String transactionName) {
        this.transactionName = transactionName;
    }

    static @Nullable ListenerRun current() {
        return CURRENT.get();
    }

    /** Opens a run on this thread and returns the one it replaces, for {@link #restore}. */
    static @Nullable ListenerRun open(String transactionName) {
        ListenerRun outer = CURRENT.get();
        CURRENT.set(new ListenerRun(transactionName));
        return outer;
    }

    static void restore(@Nullable ListenerRun outer) {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    boolean completed(UUID id) {
        return completedInListenerTransaction && id.equals(publication);
    }
}
