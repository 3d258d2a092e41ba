package dev.bazaar.platform.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A fixed number of permits with two waiting lanes: a freed permit goes to the longest-waiting request of the fast
 * lane, and only when that lane is empty to the longest-waiting one of the other. Within a lane, first come, first
 * served. A freed permit is handed straight to its next holder, so a newcomer never overtakes a waiting request of
 * its own lane.
 * <p>
 * The fast lane's precedence has a limit: once the longest-waiting request of the other lane has waited that long,
 * it goes first. So a steady stream of fast requests delays the others by about the limit, and never starves them
 * until they time out.
 */
final class TwoLaneAdmission {

    enum Lane { FAST, NORMAL }

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> fast = new ArrayDeque<>();
    private final ArrayDeque<Waiter> normal = new ArrayDeque<>();
    private final long precedenceLimitNanos;
    private final LongSupplier nanoTime;
    private int free;

    /** {@code precedenceLimit}: how long a request of the normal lane can be overtaken by fast ones. */
    TwoLaneAdmission(int permits, Duration precedenceLimit) {
        this(permits, precedenceLimit, System::nanoTime);
    }

    TwoLaneAdmission(int permits, Duration precedenceLimit, LongSupplier nanoTime) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        if (precedenceLimit.isNegative()) {
            throw new IllegalArgumentException("the precedence limit must not be negative, was " + precedenceLimit);
        }
        this.free = permits;
        this.precedenceLimitNanos = precedenceLimit.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Takes a permit, waiting at most {@code timeout}; answers whether it got one (then {@link #leave()} it). */
    boolean enter(Lane lane, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            if (free > 0) {
                free--;
                return true;
            }
            var waiter = new Waiter(lock.newCondition(), nanoTime.getAsLong());
            queue(lane).addLast(waiter);
            return await(waiter, lane, timeout.toNanos());
        } finally {
            lock.unlock();
        }
    }

    /** Gives a permit back: to the next waiter, fast lane first unless a normal one has waited past the limit. */
    void leave() {
        lock.lock();
        try {
            Waiter next = nextWaiter();
            if (next == null) {
                free++;
            } else {
                next.admitted = true;
                next.wakeUp.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting in a lane now. */
    int waiting(Lane lane) {
        lock.lock();
        try {
            return queue(lane).size();
        } finally {
            lock.unlock();
        }
    }

    private Waiter nextWaiter() {
        Waiter longestNormal = normal.peekFirst();
        boolean normalIsDue = longestNormal != null
                && nanoTime.getAsLong() - longestNormal.since >= precedenceLimitNanos;
        return fast.isEmpty() || normalIsDue ? normal.pollFirst() : fast.pollFirst();
    }

    private boolean await(Waiter waiter, Lane lane, long nanos) throws InterruptedException {
        try {
            while (!waiter.admitted && nanos > 0) {
                nanos = waiter.wakeUp.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            giveUp(waiter, lane);
            throw e;
        }
        if (!waiter.admitted) {
            queue(lane).remove(waiter);
        }
        return waiter.admitted;
    }

    /** An interrupted waiter leaves its lane, or passes on the permit it was handed meanwhile. */
    private void giveUp(Waiter waiter, Lane lane) {
        if (waiter.admitted) {
            leave();
        } else {
            queue(lane).remove(waiter);
        }
    }

    private ArrayDeque<Waiter> queue(Lane lane) {
        return lane == Lane.FAST ? fast : normal;
    }

    private static final class Waiter {
        final Condition wakeUp;
        final long since;
        boolean admitted;

        Waiter(Condition wakeUp, long since) {
            this.wakeUp = wakeUp;
            this.since = since;
        }
    }
}
