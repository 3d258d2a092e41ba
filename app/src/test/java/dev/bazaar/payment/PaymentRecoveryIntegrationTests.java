package dev.bazaar.payment;

import dev.bazaar.RunningShop;
import dev.bazaar.Shop;
import dev.bazaar.platform.work.FailedWork;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox survives a stop: the checkout commits, the call to the Payment System fails (it is down), the shop
 * stops with that work undone, and after the restart the work is redelivered and the order is confirmed; unless it
 * was parked, which a restart does not undo.
 */
class PaymentRecoveryIntegrationTests {

    @Test
    void aRestartedShopOnItsOwnDataDeliversWhatTheStoppedOneLeftAtOnce() throws IOException {
        try (var folder = RunningShop.Folder.open()) {
            String order;
            String email;
            try (var shop = RunningShop.start(folder.dataDir(), "--bazaar.psp.faults.fail-rate=1")) {
                var driver = new Shop(shop.api());
                var customer = driver.newCustomer();
                order = driver.buy(customer, "tok_visa", Map.of(driver.product("8.00", 2), 1)).text("id");
                email = customer.get("/api/me").text("email");
            }
            // neither the periodic redelivery nor the question about overdue payments comes within the test's time
            try (var shop = RunningShop.start(folder.dataDir(), "--bazaar.events.resubmit-after=10m",
                    "--bazaar.overdue-payments.after=10m")) {
                var customer = shop.api().as(shop.api().tokenFor(email, "password-123"));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(customer.get("/api/orders/" + order).text("status")).isEqualTo("CONFIRMED"));
            }
        }
    }

    @Test
    void aParkedCallToThePaymentSystemStaysParkedAcrossARestartUntilAnAdminRetriesIt() throws IOException {
        try (var folder = RunningShop.Folder.open()) {
            String order;
            String email;
            try (var shop = RunningShop.start(folder.dataDir(), "--bazaar.psp.faults.fail-rate=1",
                    "--bazaar.retries.max-attempts=1")) {
                var driver = new Shop(shop.api());
                var customer = driver.newCustomer();
                order = driver.buy(customer, "tok_visa", Map.of(driver.product("8.00", 2), 1)).text("id");
                email = customer.get("/api/me").text("email");
                await().atMost(Duration.ofSeconds(10)).until(() -> parkedCallOf(shop).isPresent());
            }
            try (var shop = RunningShop.start(folder.dataDir(), "--bazaar.events.resubmit-after=1s",
                    "--bazaar.events.resubmit-interval=1s", "--bazaar.overdue-payments.after=10m")) {
                var customer = shop.api().as(shop.api().tokenFor(email, "password-123"));
                var calls = shop.context().getBean(MeterRegistry.class).find("http.client.requests")
                        .tag("uri", "/psp/v1/payment_intents");
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> calls.timers().stream().mapToLong(Timer::count).sum() == 0);
                assertThat(customer.get("/api/orders/" + order).text("status")).isEqualTo("PENDING_PAYMENT");

                assertThat(shop.context().getBean(FailedWork.class).retry(parkedCallOf(shop).orElseThrow().id())).isTrue();

                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(customer.get("/api/orders/" + order).text("status")).isEqualTo("CONFIRMED"));
            }
        }
    }

    /** The shop's own data folder holds one order: the parked call is its authorisation's. */
    private static Optional<FailedWork.Parked> parkedCallOf(RunningShop shop) {
        return shop.context().getBean(FailedWork.class).parked(100, 0).stream()
                .filter(parked -> parked.kind().equals("outbox") && parked.reference() != null
                        && parked.reference().startsWith("payment.create-intent on AuthorizationRequested paymentId="))
                .findFirst();
    }

    @Test
    void sagaFinishesAfterARestartBetweenCommitAndListener() throws IOException {
        String order;
        String email;
        try (var folder = RunningShop.Folder.open()) {
            Path dataDir = folder.dataDir();
            try (var shop = RunningShop.start(dataDir, "--bazaar.psp.faults.fail-rate=1")) {
                var api = shop.api();
                var driver = new Shop(api);
                String sku = driver.product("12.00", 3);
                var customer = driver.newCustomer();
                order = driver.buy(customer, "tok_visa", Map.of(sku, 1)).text("id");
                assertThat(order).isNotBlank();
                await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
                assertThat(driver.status(order)).isEqualTo("PENDING_PAYMENT");
                var calls = shop.context().getBean(MeterRegistry.class).find("http.client.requests")
                        .tag("uri", "/psp/v1/payment_intents").timers();
                assertThat(calls.stream().mapToLong(Timer::count).sum())
                        .as("a 503 is tried once more at once, then left to the resubmission").isEqualTo(2);
                email = customer.get("/api/me").text("email");
            }

            try (var shop = RunningShop.start(dataDir, "--bazaar.events.resubmit-after=1s", "--bazaar.events.resubmit-interval=1s")) {
                var customer = shop.api().as(shop.api().tokenFor(email, "password-123"));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(customer.get("/api/orders/" + order).text("status")).isEqualTo("CONFIRMED"));
            }
        }
    }
}
