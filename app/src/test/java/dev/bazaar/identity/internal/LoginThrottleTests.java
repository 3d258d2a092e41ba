package dev.bazaar.identity.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.shared.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The throttle against the shop's real database, with the production limits (5 per e-mail and address, 20 per
 * address), on addresses of its own: the test profile lifts the limit per address for the HTTP tests' 127.0.0.1.
 */
@BazaarIntegrationTest
class LoginThrottleTests {

    @Autowired
    Attempts attempts;

    private LoginThrottle throttle() {
        return new LoginThrottle(attempts, 5, 20, Duration.ofMinutes(1));
    }

    private static String anAddress() {
        return "198.51.100." + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void concurrentGuessesAtOneEmailFromOneAddressAreLetThroughExactlyToTheLimit() throws Exception {
        var throttle = throttle();
        String address = anAddress();
        long admitted = race(40, n -> throttle.admit("victim@example.com", address));
        assertThat(admitted).isEqualTo(5);
    }

    @Test
    void concurrentSprayingOverManyEmailsFromOneAddressIsStoppedAtTheAddressLimit() throws Exception {
        var throttle = throttle();
        String address = anAddress();
        long admitted = race(60, n -> throttle.admit("user-" + n + "@example.com", address));
        assertThat(admitted).isEqualTo(20);
        var refused = catchProblem(() -> throttle.admit("fresh@example.com", address));
        assertThat(refused.status().value()).isEqualTo(429);
        assertThat(refused.headers().getFirst("Retry-After")).isNotNull();
    }

    @Test
    void anAddressRefusedForSprayingDoesNotUseUpAnEmailsAttempts() {
        var throttle = throttle();
        String address = anAddress();
        for (int n = 0; n < 20; n++) {
            throttle.admit("user-" + n + "@example.com", address);
        }
        for (int n = 0; n < 3; n++) {
            assertThatThrownBy(() -> throttle.admit("other@example.com", address)).isInstanceOf(ProblemException.class);
        }
        // the e-mail's own count from another address is untouched, and so is the address's
        String elsewhere = anAddress();
        for (int n = 0; n < 5; n++) {
            throttle.admit("other@example.com", elsewhere);
        }
        assertThatThrownBy(() -> throttle.admit("other@example.com", elsewhere))
                .hasMessageContaining("this e-mail");
    }

    @Test
    void correctPasswordsTakeTheirAttemptsBackSoOneAddressMaySignInManyTimes() {
        var throttle = throttle();
        String address = anAddress();
        for (int n = 0; n < 50; n++) {
            throttle.admit("shared-" + (n % 3) + "@example.com", address);
            throttle.succeeded("shared-" + (n % 3) + "@example.com", address);
        }
        for (int n = 0; n < 5; n++) {
            throttle.admit("shared-0@example.com", address);
        }
        assertThatThrownBy(() -> throttle.admit("shared-0@example.com", address)).isInstanceOf(ProblemException.class);
    }

    @Test
    void aWindowThatEndedCountsAfresh() {
        var throttle = new LoginThrottle(attempts, 2, 20, Duration.ofMillis(300));
        String address = anAddress();
        throttle.admit("patient@example.com", address);
        throttle.admit("patient@example.com", address);
        assertThatThrownBy(() -> throttle.admit("patient@example.com", address)).isInstanceOf(ProblemException.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreException(ProblemException.class).untilAsserted(
                () -> throttle.admit("patient@example.com", address));
    }

    interface Attempt {
        void run(int n);
    }

    /** Runs {@code n} attempts at once; answers how many were admitted (the others must be refused with 429). */
    private static long race(int n, Attempt attempt) throws Exception {
        var start = new CountDownLatch(1);
        try (var executor = Executors.newFixedThreadPool(n)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Boolean> task = () -> {
                    start.await();
                    try {
                        attempt.run(index);
                        return true;
                    } catch (ProblemException refused) {
                        assertThat(refused.status().value()).isEqualTo(429);
                        return false;
                    }
                };
                results.add(executor.submit(task));
            }
            start.countDown();
            long admitted = 0;
            for (var result : results) {
                if (result.get()) {
                    admitted++;
                }
            }
            return admitted;
        }
    }

    private static ProblemException catchProblem(Runnable action) {
        try {
            action.run();
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }
}
