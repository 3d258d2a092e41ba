package dev.bazaar.identity.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.TestApi;
import dev.bazaar.shared.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit itself is proven on a throttle of production size against the real database; the HTTP test shows the
 * shop refusing an address whose count is full. The test profile lifts the limit (every test registers from
 * 127.0.0.1), so that address's count is filled as other instances would have filled it: in the database.
 */
@BazaarIntegrationTest
class RegistrationThrottleTests {

    @LocalServerPort
    int port;
    @Autowired
    Attempts attempts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentRegistrationsFromOneAddressAreLetThroughExactlyToTheLimit() throws Exception {
        var throttle = new RegistrationThrottle(attempts, 10, Duration.ofHours(1));
        String address = "203.0.113." + UUID.randomUUID().toString().substring(0, 6);
        var start = new CountDownLatch(1);
        int admitted = 0;
        try (var executor = Executors.newFixedThreadPool(30)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    try {
                        throttle.admit(address);
                        return true;
                    } catch (ProblemException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            for (var result : results) {
                admitted += result.get() ? 1 : 0;
            }
        }
        assertThat(admitted).isEqualTo(10);
        // another address has its own count
        throttle.admit(address + "-other");
    }

    @Test
    void thisMachinesOwnAddressIsNotCountedSinceEveryClientBehindALocalProxyWouldShareIt() {
        var throttle = new RegistrationThrottle(attempts, 1, Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            throttle.admit("127.0.0.1");
        }
        throttle.admit("198.51.100.7-" + UUID.randomUUID());
    }

    @Test
    void anAddressThatRegisteredItsShareIsRefusedWithRetryAfterAndNothingIsOpened() {
        var random = ThreadLocalRandom.current();
        String address = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
        attempts.count(RegistrationThrottle.key(address), 1, Duration.ofHours(1));
        jdbc.sql("update identity.attempts set count = 1000000 where key = :key")
                .param("key", RegistrationThrottle.key(address)).update();
        var api = new TestApi(port);
        String email = TestApi.uniqueEmail("throwaway");

        var refused = api.from(address).post("/api/auth/register",
                Map.of("email", email, "password", "password-123", "name", "Throwaway"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("status").asInt()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After").map(Integer::valueOf))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(3000, 3600));
        assertThat(api.post("/api/auth/token", Map.of("email", email, "password", "password-123")).status()).isEqualTo(401);
        // everyone else still registers
        assertThat(api.fromAnotherAddress().post("/api/auth/register",
                Map.of("email", email, "password", "password-123", "name", "Real")).status()).isEqualTo(201);
    }
}
