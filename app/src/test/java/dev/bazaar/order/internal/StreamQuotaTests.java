package dev.bazaar.order.internal;

import dev.bazaar.shared.ids.UserId;
import dev.bazaar.shared.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamQuotaTests {

    private final UserId ada = new UserId(UUID.randomUUID());
    private final UserId bob = new UserId(UUID.randomUUID());
    private final UserId cy = new UserId(UUID.randomUUID());

    @Test
    void aUserPastTheirShareIsAnswered429AndOthersStillGetTheirs() {
        var quota = new StreamQuota(2, 10);
        quota.claim(ada);
        quota.claim(ada);

        assertThatThrownBy(() -> quota.claim(ada)).isInstanceOfSatisfying(ProblemException.class, refused -> {
            assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(refused.headers().getFirst("Retry-After")).isNotBlank();
        });
        quota.claim(bob);
        assertThat(quota.held()).isEqualTo(3);
    }

    @Test
    void aFullInstanceIsAnswered503WithoutCountingTheRefusal() {
        var quota = new StreamQuota(2, 3);
        quota.claim(ada);
        quota.claim(ada);
        quota.claim(bob);

        assertThatThrownBy(() -> quota.claim(cy)).isInstanceOfSatisfying(ProblemException.class, refused ->
                assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(quota.held()).isEqualTo(3);
    }

    @Test
    void anEndedStreamGivesItsPlaceBack() {
        var quota = new StreamQuota(1, 1);
        quota.claim(ada);
        quota.release(ada);

        quota.claim(bob);
        quota.release(bob);
        quota.claim(ada);
        assertThat(quota.held()).isEqualTo(1);
    }

    @Test
    void manyStreamsOpenedAtOnceByOneUserAreGrantedExactlyTheirShare() throws Exception {
        var quota = new StreamQuota(20, 1_000);
        var granted = new java.util.concurrent.atomic.AtomicInteger();
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 200; i++) {
                threads.submit(() -> {
                    start.await();
                    try {
                        quota.claim(ada);
                        granted.incrementAndGet();
                    } catch (ProblemException refused) {
                        // past the share
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertThat(granted).hasValue(20);
        assertThat(quota.held()).isEqualTo(20);
    }
}
