package dev.bazaar.platform.outbound;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LeasedDispatchTests {

    @Test
    void aSlowItemHoldsOneSlotWhileTheRestOfTheQueueIsSent() throws Exception {
        Queue<Integer> queue = new ArrayDeque<>(IntStream.range(0, 100).boxed().toList());
        var stuck = new CountDownLatch(1);
        var sent = new AtomicInteger();
        var allButTheSlowOne = new CountDownLatch(99);
        try (var dispatch = new LeasedDispatch(4, 4)) {
            // a scheduler would call drain every few milliseconds; here we call it until the queue is empty
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> {
                dispatch.drain(n -> lease(queue, n), item -> {
                    if (item == 0) {
                        await(stuck);
                    } else {
                        sent.incrementAndGet();
                        allButTheSlowOne.countDown();
                    }
                }, item -> item);
                return queue.isEmpty();
            });
            assertThat(allButTheSlowOne.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sent).hasValue(99);
            stuck.countDown();
        }
    }

    @Test
    void oneDrainKeepsGoingWhileThereIsWorkInsteadOfWaitingForTheNextPoll() throws Exception {
        Queue<Integer> queue = new ArrayDeque<>(IntStream.range(0, 40).boxed().toList());
        var done = new CountDownLatch(40);
        try (var dispatch = new LeasedDispatch(4, 4)) {
            dispatch.drain(n -> lease(queue, n), item -> {
                sleep(20); // slow work, as a webhook delivery is
                done.countDown();
            }, item -> item);
            // before, one drain leased its 4 free slots and left the other 36 items to later polls
            assertThat(queue).isEmpty();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void neverLeasesMoreThanItsFreeSlots() throws Exception {
        var leasedAtOnce = new AtomicInteger();
        var release = new CountDownLatch(1);
        try (var dispatch = new LeasedDispatch(3, 10)) {
            dispatch.drain(n -> {
                leasedAtOnce.addAndGet(n);
                return IntStream.range(0, n).boxed().toList();
            }, item -> await(release), item -> item);
            dispatch.drain(n -> {
                leasedAtOnce.addAndGet(n);
                return List.of();
            }, item -> { }, item -> item);
            assertThat(leasedAtOnce).hasValue(3);
            release.countDown();
        }
    }

    /** A webhook delivery as it is leased: with its subscriber's secret and a payload naming the customer. */
    record Delivery(long id, String secret, String payload) {
    }

    /**
     * The log line is the contract here: what leaves the shop in its log must name the work and the kind of failure
     * for an operator, and never the subscriber's secret or the customer's data the work carries.
     */
    @Test
    void aFailedItemIsLoggedByItsIdAndFailureKindNeverWithTheSecretOrAddressItCarries(CapturedOutput output) throws Exception {
        var delivery = new Delivery(42, "whsec_do-not-log", "{\"email\":\"ada@example.com\",\"line1\":\"1 Main Street\"}");
        var failed = new CountDownLatch(1);
        try (var dispatch = new LeasedDispatch(1, 1)) {
            var leased = new ArrayDeque<>(List.of(delivery));
            dispatch.drain(n -> leased.isEmpty() ? List.of() : List.of(leased.poll()), item -> {
                failed.countDown();
                throw new IllegalStateException("could not deliver " + item);
            }, Delivery::id);
            assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
        }
        // close() waited for the work, and so for its log line
        assertThat(output).contains("Leased work 42 failed (IllegalStateException)")
                .doesNotContain("whsec_do-not-log").doesNotContain("ada@example.com").doesNotContain("1 Main Street");
        assertThat(LeasedDispatch.failure(7, new IllegalStateException("secret whsec_x", new java.io.IOException("to ada@example.com"))))
                .isEqualTo("Leased work 7 failed (IllegalStateException <- IOException); it is tried again when its lease runs out");
    }

    private static synchronized List<Integer> lease(Queue<Integer> queue, int n) {
        return IntStream.range(0, Math.min(n, queue.size())).mapToObj(i -> queue.poll()).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
