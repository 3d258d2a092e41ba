package dev.bazaar.payment;

import dev.bazaar.RunningShop;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import dev.bazaar.psp.internal.PspSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Payment System that answers slowly ({@code bazaar.psp.faults.slow-rate}, the load tool's {@code --psp-slow-rate}):
 * it creates the intent at once but holds its answer back, here for longer than the shop waits for it, so the shop
 * never learns the intent from the answer. The webhook with the outcome names the payment the intent was created
 * for, and that is enough for the shop to confirm the order, once.
 */
class SlowPaymentSystemIntegrationTests {

    private static final Duration LATENCY = Duration.ofMillis(2000);

    @Test
    void anOrderIsConfirmedOnceByItsWebhookWhenThePaymentSystemsAnswerComesTooLate() throws Exception {
        try (var folder = RunningShop.Folder.open(); var shop = RunningShop.start(folder.dataDir(),
                "--bazaar.psp.faults.slow-rate=1", "--bazaar.psp.faults.latency=" + LATENCY.toMillis() + "ms",
                "--bazaar.payment.sandbox.read-timeout=500ms")) {
            var api = shop.api();
            var jdbc = shop.context().getBean(JdbcClient.class);
            assertThat(timeToCreateAnIntent(api, shop.context().getBean(PspSettings.class).apiKey()))
                    .isGreaterThanOrEqualTo(LATENCY);

            var driver = new Shop(api);
            String sku = driver.product("12.00", 3);
            String order = driver.buy(driver.newCustomer(), "tok_visa", Map.of(sku, 1)).text("id");
            driver.awaitStatus(order, "CONFIRMED");

            var intents = jdbc.sql("select id from psp.intents where order_id = :order").param("order", order)
                    .query(String.class).list();
            assertThat(intents).hasSize(1);
            assertThat(driver.staff().get("/api/orders/" + order).json().path("payment").path("intentId").asString())
                    .isEqualTo(intents.getFirst());
            int attempts = jdbc.sql("""
                            select attempts from psp.webhook_deliveries
                            where cast(payload as jsonb) -> 'data' ->> 'intentId' = :intent""")
                    .param("intent", intents.getFirst()).query(Integer.class).single();
            assertThat(attempts).as("the webhook was taken the first time, before any answer").isOne();
            var timeline = driver.staff().get("/api/orders/" + order).json().path("timeline");
            assertThat(timeline.valueStream().filter(entry -> entry.path("status").asString().equals("CONFIRMED")))
                    .hasSize(1);
            // the order may be confirmed before the shop's call has timed out; the call's event then stays in the
            // outbox, failed, to be delivered again (how that failure is logged: ListenerFailureLogTests)
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                            select count(*) from events.event_publication
                            where listener_id = 'payment.create-intent' and status = 'FAILED'
                              and serialized_event like '%' || (select id from payment.payments where order_id = :order)::text || '%'""")
                    .param("order", UUID.fromString(order)).query(Integer.class).single() == 1);
            var calls = shop.context().getBean(MeterRegistry.class).find("http.client.requests")
                    .tag("uri", "/psp/v1/payment_intents").timers();
            assertThat(calls.stream().mapToLong(Timer::count).sum())
                    .as("a call that timed out is not made again at once (the resubmission, 30 s on, makes it again)")
                    .isOne();
        }
    }

    @Test
    void anAnswerHeldBackGoesAtOnceWhenTheShopStopsInsteadOfHoldingUpItsShutdown() throws Exception {
        try (var folder = RunningShop.Folder.open()) {
            var shop = RunningShop.start(folder.dataDir(),
                    "--bazaar.psp.faults.slow-rate=1", "--bazaar.psp.faults.latency=10m");
            var api = shop.api();
            String apiKey = shop.context().getBean(PspSettings.class).apiKey();
            var jdbc = shop.context().getBean(JdbcClient.class);
            String order = UUID.randomUUID().toString();
            var answer = CompletableFuture.supplyAsync(() -> api.as(apiKey).with("Idempotency-Key", "test:" + order)
                    .post("/psp/v1/payment_intents", Map.of("amount", 1200, "currency", "EUR",
                            "paymentToken", "tok_visa", "orderId", order)));
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from psp.intents where order_id = :o")
                    .param("o", order).query(Integer.class).single() == 1);

            shop.close();

            assertThat(answer.get(60, TimeUnit.SECONDS).status()).as("answered long before the ten minutes").isEqualTo(200);
        }
    }

    /** Creates an intent straight at the sandbox, as any client of it would, and times the answer. */
    private static Duration timeToCreateAnIntent(TestApi api, String apiKey) {
        long start = System.nanoTime();
        var created = api.as(apiKey).with("Idempotency-Key", "test:" + UUID.randomUUID()).post("/psp/v1/payment_intents",
                Map.of("amount", 1200, "currency", "EUR", "paymentToken", "tok_visa", "orderId", UUID.randomUUID().toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
