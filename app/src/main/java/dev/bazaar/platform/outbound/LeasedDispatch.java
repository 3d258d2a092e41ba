package dev.bazaar.platform.outbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Sends leased work (webhook deliveries) on virtual threads, at most {@code limit} at a time, leasing more as soon
 * as a slot frees instead of waiting for a whole batch: one slow receiver holds one slot, not the queue behind it.
 * Only one thread drains at a time (a fixed-delay schedule), so leasing never outruns the free slots.
 */
public final class LeasedDispatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeasedDispatch.class);

    private final Semaphore slots;
    private final int maxLease;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public LeasedDispatch(int limit, int maxLease) {
        this.slots = new Semaphore(limit);
        this.maxLease = maxLease;
    }

    /** Leases (at most the free slots) and starts work until a lease comes back short or no slot is free. */
    public <T> void drain(IntFunction<List<T>> lease, Consumer<T> work) {
        while (!executor.isShutdown()) {
            int wanted = Math.min(slots.availablePermits(), maxLease);
            if (wanted == 0) {
                return;
            }
            List<T> leased = lease.apply(wanted);
            leased.forEach(item -> start(item, work));
            if (leased.size() < wanted) {
                return;
            }
        }
    }

    private <T> void start(T item, Consumer<T> work) {
        slots.acquireUninterruptibly();
        executor.execute(() -> {
            try {
                work.accept(item);
            } catch (RuntimeException e) {
                // the lease runs out and the item is tried again later
                log.warn("Leased work {} failed: {}", item, e.toString());
            } finally {
                slots.release();
            }
        });
    }

    /** Lets work in flight finish for a few seconds; anything cut off is leased again after its lease expires. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
