package dev.bazaar.platform.outbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Sends leased work (webhook deliveries) on virtual threads, at most {@code limit} at a time, leasing more as soon
 * as a slot frees instead of waiting for a whole batch: one slow receiver holds one slot, not the queue behind it.
 * Only one thread drains at a time (a fixed-delay schedule), so leasing never outruns the free slots.
 */
public final class LeasedDispatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeasedDispatch.class);
    /** How long a drain with every slot busy waits for some to free before it leaves the rest to the next poll. */
    private static final long WAIT_FOR_SLOTS_MILLIS = 1000;
    /**
     * How long one drain goes on at most: its caller does bookkeeping between drains (the sandbox marks what was
     * delivered), which must not wait for the end of a busy spell.
     */
    private static final long MAX_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Semaphore slots;
    private final int limit;
    private final int maxLease;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public LeasedDispatch(int limit, int maxLease) {
        this.slots = new Semaphore(limit);
        this.limit = limit;
        this.maxLease = maxLease;
    }

    /**
     * Leases (at most the free slots) and starts work until a lease comes back short, no slot frees for a while, or
     * two seconds have passed.
     * With every slot busy it waits for a quarter of them to free and goes on, rather than leaving until the next
     * poll: that capped the work at {@code limit} items a poll interval, below what the shop publishes under load, and
     * a subscriber of every order event fell further behind.
     *
     * @param id what names an item in the log when its work fails: the item itself carries what must not be logged
     *           (a subscriber's secret, a payload with a customer's e-mail and address)
     */
    public <T> void drain(IntFunction<List<T>> lease, Consumer<T> work, Function<? super T, ?> id) {
        long deadline = System.nanoTime() + MAX_DRAIN_NANOS;
        while (!executor.isShutdown() && System.nanoTime() < deadline) {
            int wanted = Math.min(freeSlotsAfterWaiting(), maxLease);
            if (wanted == 0) {
                return;
            }
            List<T> leased = lease.apply(wanted);
            leased.forEach(item -> start(item, work, id));
            if (leased.size() < wanted) {
                return;
            }
        }
    }

    /** The free slots once a quarter of them (at least one) are free, or whatever is free after the wait. */
    private int freeSlotsAfterWaiting() {
        int batch = Math.max(1, limit / 4);
        try {
            if (slots.tryAcquire(batch, WAIT_FOR_SLOTS_MILLIS, TimeUnit.MILLISECONDS)) {
                slots.release(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        return slots.availablePermits();
    }

    private <T> void start(T item, Consumer<T> work, Function<? super T, ?> id) {
        slots.acquireUninterruptibly();
        executor.execute(() -> {
            try {
                work.accept(item);
            } catch (RuntimeException e) {
                // the lease runs out and the item is tried again later
                log.warn(failure(id.apply(item), e));
            } finally {
                slots.release();
            }
        });
    }

    /** The log line for a failed item: its id and the kind of failure, nothing the item or the failure's message carry. */
    static String failure(Object id, RuntimeException e) {
        return "Leased work " + id + " failed (" + Failures.kind(e) + "); it is tried again when its lease runs out";
    }

    /** Lets work in flight finish for a few seconds; anything cut off is leased again after its lease expires. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
