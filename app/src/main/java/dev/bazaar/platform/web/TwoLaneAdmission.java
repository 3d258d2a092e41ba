package dev.bazaar.platform.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed number of permits with two waiting lanes: a freed permit goes to the longest-waiting request of the fast
 * lane, and only when that lane is empty to the longest-waiting one of the other. Within a lane, first come, first
 * served. A freed permit is handed straight to its next holder, so a newcomer never overtakes a waiting request of
 * its own lane.
 */
final class TwoLaneAdmission {

    enum Lane { FAST, NORMAL }

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> fast = new ArrayDeque<>();
    private final ArrayDeque<Waiter> normal = new ArrayDeque<>();
    private int free;

    TwoLaneAdmission(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        this.free = permits;
    }

    /** Takes a permit, waiting at most {@code timeout}; answers whether it got one (then {@link #leave()} it). */
    boolean enter(Lane lane, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            if (free > 0) {
                free--;
                return true;
            }
            var waiter = new Waiter(lock.newCondition());
            queue(lane).addLast(waiter);
            return await(waiter, lane, timeout.toNanos());
        } finally {
            lock.unlock();
        }
    }

    /** Gives a permit back: to the next waiter, fast lane first. */
    void leave() {
        lock.lock();
        try {
            Waiter next = fast.isEmpty() ? normal.pollFirst() : fast.pollFirst();
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
        boolean admitted;

        Waiter(Condition wakeUp) {
            this.wakeUp = wakeUp;
        }
    }
}
