package dev.bazaar.platform.web;

import dev.bazaar.platform.web.TwoLaneAdmission.Lane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TwoLaneAdmissionTests {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aFreedPermitGoesToTheFastLaneBeforeEarlierNormalWaiters() throws Exception {
        var admission = new TwoLaneAdmission(1, LONG);
        assertThat(admission.enter(Lane.NORMAL, LONG)).isTrue();
        var admitted = new CopyOnWriteArrayList<String>();

        waitIn(admission, Lane.NORMAL, "cart 1", admitted);
        waitIn(admission, Lane.NORMAL, "cart 2", admitted);
        waitIn(admission, Lane.FAST, "checkout 1", admitted);
        waitIn(admission, Lane.FAST, "checkout 2", admitted);
        admission.leave();

        await().atMost(5, TimeUnit.SECONDS).until(() -> admitted.size() == 4);
        assertThat(admitted).containsExactly("checkout 1", "checkout 2", "cart 1", "cart 2");
    }

    @Test
    void aNormalWaiterGoesFirstOnceItHasWaitedPastThePrecedenceLimit() throws Exception {
        var now = new AtomicLong();
        long limit = Duration.ofSeconds(1).toNanos();
        var admission = new TwoLaneAdmission(1, Duration.ofNanos(limit), now::get);
        assertThat(admission.enter(Lane.NORMAL, LONG)).isTrue();
        var admitted = new CopyOnWriteArrayList<String>();

        waitIn(admission, Lane.NORMAL, "cart 1", admitted);
        now.set(limit * 6 / 10);
        waitIn(admission, Lane.NORMAL, "cart 2", admitted);
        now.set(limit);
        waitIn(admission, Lane.FAST, "checkout 1", admitted);
        waitIn(admission, Lane.FAST, "checkout 2", admitted);
        admission.leave();

        await().atMost(5, TimeUnit.SECONDS).until(() -> admitted.size() == 4);
        assertThat(admitted).containsExactly("cart 1", "checkout 1", "checkout 2", "cart 2");
    }

    @Test
    void manyThreadsInBothLanesNeverHoldMoreThanThePermitsAndAllGetIn() throws Exception {
        int permits = 3;
        var admission = new TwoLaneAdmission(permits, LONG);
        var inside = new AtomicInteger();
        var mostInside = new AtomicInteger();
        var done = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Lane lane = i % 3 == 0 ? Lane.FAST : Lane.NORMAL;
            workers.add(threads.submit(() -> {
                for (int round = 0; round < 200; round++) {
                    assertThat(admission.enter(lane, LONG)).isTrue();
                    try {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.yield();
                        inside.decrementAndGet();
                    } finally {
                        admission.leave();
                    }
                }
                done.incrementAndGet();
                return null;
            }));
        }
        for (var worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }

        assertThat(done).hasValue(64);
        assertThat(mostInside.get()).isBetween(1, permits);
        assertAllPermitsFree(admission, permits);
    }

    @Test
    void aWaiterThatTimesOutLeavesItsLaneAndTakesNoPermit() throws Exception {
        var admission = new TwoLaneAdmission(1, LONG);
        assertThat(admission.enter(Lane.NORMAL, LONG)).isTrue();

        assertThat(admission.enter(Lane.FAST, Duration.ofMillis(30))).isFalse();
        assertThat(admission.enter(Lane.NORMAL, Duration.ofMillis(30))).isFalse();

        assertThat(admission.waiting(Lane.FAST)).isZero();
        assertThat(admission.waiting(Lane.NORMAL)).isZero();
        admission.leave();
        assertAllPermitsFree(admission, 1);
    }

    @Test
    void anInterruptedWaiterLeavesItsLaneAndTakesNoPermit() throws Exception {
        var admission = new TwoLaneAdmission(1, LONG);
        assertThat(admission.enter(Lane.NORMAL, LONG)).isTrue();
        var waiting = threads.submit(() -> admission.enter(Lane.FAST, LONG));
        await().atMost(5, TimeUnit.SECONDS).until(() -> admission.waiting(Lane.FAST) == 1);

        waiting.cancel(true);

        await().atMost(5, TimeUnit.SECONDS).until(() -> admission.waiting(Lane.FAST) == 0);
        admission.leave();
        assertAllPermitsFree(admission, 1);
    }

    private void waitIn(TwoLaneAdmission admission, Lane lane, String name, List<String> admitted) {
        int before = admission.waiting(lane);
        threads.submit(() -> {
            if (admission.enter(lane, LONG)) {
                admitted.add(name);
                admission.leave();
            }
            return null;
        });
        await().atMost(5, TimeUnit.SECONDS).until(() -> admission.waiting(lane) == before + 1);
    }

    /** All permits can be taken at once without waiting, and not one more. */
    private static void assertAllPermitsFree(TwoLaneAdmission admission, int permits) throws InterruptedException {
        for (int i = 0; i < permits; i++) {
            assertThat(admission.enter(Lane.NORMAL, Duration.ZERO)).as("permit %d", i + 1).isTrue();
        }
        assertThat(admission.enter(Lane.FAST, Duration.ZERO)).as("one more").isFalse();
    }
}
