package dev.bazaar.notification;

import com.sun.net.httpserver.HttpServer;
import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import dev.bazaar.notification.internal.Webhooks;
import dev.bazaar.shared.web.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Signed webhooks retried to a real receiver, the customer's feed, staff alerts and live order events. */
@BazaarIntegrationTest
class WebhookAndFeedIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    Webhooks webhooks;
    @Autowired
    JdbcClient jdbc;
    TestApi api;
    Shop shop;
    HttpServer receiver;
    final List<String[]> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        api = new TestApi(port);
        shop = new Shop(api);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[]{body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER)});
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void aFailingReceiverGetsTheSameSignedEventAgainAfterBackOffAndTheLogShowsEveryAttempt() {
        failuresLeft.set(2);
        var subscription = shop.admin().post("/api/admin/webhooks", Map.of("url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "events", List.of("order.placed")));
        assertThat(subscription.status()).isEqualTo(201);
        String secret = subscription.text("secret");
        assertThat(secret.length()).isGreaterThanOrEqualTo(16);

        String order = shop.buy(shop.newCustomer(), "tok_declined", Map.of(shop.product("3.00", 2), 1)).text("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);

        var ids = new ArrayList<String>();
        for (var request : received) {
            assertThat(WebhookSignature.verify(secret, request[1], request[0], Instant.now(), Duration.ofMinutes(5))).isTrue();
            var json = TestApi.JSON.readTree(request[0]);
            assertThat(json.path("type").asString()).isEqualTo("order.placed");
            assertThat(json.path("data").path("order").path("id").asString()).isEqualTo(order);
            ids.add(json.path("id").asString());
        }
        assertThat(ids).containsOnly(ids.getFirst());
        var log = shop.admin().get("/api/admin/webhooks/" + subscription.text("id") + "/deliveries").json();
        assertThat(log.path("total").asInt()).isEqualTo(3);
        var attempts = new ArrayList<String>();
        log.path("items").forEach(a -> attempts.add(a.path("attempt").asInt() + ":" + a.path("status").asInt()));
        assertThat(attempts).containsExactly("1:500", "2:500", "3:200");
    }

    @Test
    void badSubscriptionsAreRefusedAndOnlyAdminsSubscribe() {
        assertThat(shop.admin().post("/api/admin/webhooks", Map.of("url", "not a url", "events", List.of("order.placed"))).status()).isEqualTo(400);
        assertThat(shop.admin().post("/api/admin/webhooks", Map.of("url", "ftp://x.example/h", "events", List.of("order.placed"))).status()).isEqualTo(400);
        assertThat(shop.admin().post("/api/admin/webhooks", Map.of("url", "http://127.0.0.1:9/h", "events", List.of("order.exploded"))).status()).isEqualTo(400);
        var body = Map.of("url", "http://127.0.0.1:9/h", "events", List.of("order.placed"));
        assertThat(api.post("/api/admin/webhooks", body).status()).isEqualTo(401);
        assertThat(shop.staff().post("/api/admin/webhooks", body).status()).isEqualTo(403);
        assertThat(shop.admin().get("/api/admin/webhooks/" + UUID.randomUUID() + "/deliveries").status()).isEqualTo(404);
    }

    @Test
    void subscriptionsToMetadataPrivateOrUnresolvableHostsAreRefusedWithAFieldErrorAndNothingKept() {
        int before = shop.admin().get("/api/admin/webhooks").json().size();
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://metadata.google.internal/",
                "http://[fd00:ec2::254]/", "http://10.0.0.7:8080/hook", "http://192.168.1.20/hook", "http://0.0.0.0:9/h",
                "http://224.0.0.1/h", "http://no-such-host.invalid/hook")) {
            var refused = shop.admin().post("/api/admin/webhooks", Map.of("url", url, "events", List.of("order.placed")));
            assertThat(refused.status()).as(url + " " + refused).isEqualTo(400);
            assertThat(refused.text("type")).endsWith("/webhook-target-refused");
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("url");
        }
        assertThat(shop.admin().get("/api/admin/webhooks").json().size()).isEqualTo(before);
    }

    @Test
    void aDeliveryWhoseHostNowResolvesToARefusedAddressIsNotSentButLoggedWithStatus0AndGivenUp() {
        // as if the subscriber's name resolved to a public address when subscribed and to this machine now: 0.0.0.0
        // reaches the receiver on 127.0.0.1, so a delivery made would arrive
        var subscription = webhooks.subscribe("http://0.0.0.0:" + receiver.getAddress().getPort() + "/hook",
                List.of("order.placed"), Instant.now());

        shop.buy(shop.newCustomer(), "tok_visa", Map.of(shop.product("3.00", 2), 1));
        String log = "/api/admin/webhooks/" + subscription.id() + "/deliveries";
        await().atMost(Duration.ofSeconds(15)).until(() -> shop.admin().get(log).json().path("total").asInt() >= 1);

        var attempts = shop.admin().get(log).json();
        assertThat(attempts.path("total").asInt()).isOne();
        assertThat(attempts.path("items").get(0).path("status").asInt()).isZero();
        assertThat(received).isEmpty();
        assertThat(jdbc.sql("select count(*) from notification.webhook_deliveries where subscription_id = :id and gave_up_at is null")
                .param("id", subscription.id()).query(Integer.class).single()).as("not tried again").isZero();
        assertThat(webhooks.find(subscription.id()).orElseThrow().active()).isFalse();
    }

    @Test
    void customersSeeTheirOwnNotificationsOnceEach() {
        var customer = shop.newCustomer();
        String order = shop.buy(customer, "tok_visa", Map.of(shop.product("3.00", 2), 1)).text("id");
        shop.awaitStatus(order, "CONFIRMED");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(types(customer)).containsExactly("order.confirmed", "order.placed"));
        customer.post("/api/orders/" + order + "/cancel", null);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(types(customer)).containsExactly("order.cancelled", "order.confirmed", "order.placed"));
        assertThat(customer.get("/api/notifications").json().path("items").get(0).path("channel").asString()).isEqualTo("email");
        assertThat(shop.newCustomer().get("/api/notifications").json().path("total").asInt()).isZero();
        assertThat(customer.get("/api/notifications?size=101").status()).isEqualTo(400);
        assertThat(api.get("/api/notifications").status()).isEqualTo(401);
    }

    @Test
    void staffAreAlertedOncePerCrossingIntoLowStock() {
        var staff = api.as(api.newStaff());
        String sku = shop.product("3.00", 7);
        var customer = shop.newCustomer();
        shop.buy(customer, "tok_visa", Map.of(sku, 1));
        shop.buy(shop.newCustomer(), "tok_visa", Map.of(sku, 1));
        shop.buy(shop.newCustomer(), "tok_visa", Map.of(sku, 1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(subjects(staff)).filteredOn(s -> s.contains(sku)).hasSize(1));
    }

    @Test
    void aSubscriberSeesConfirmedShippedDeliveredInOrderAndTheStreamEnds() throws Exception {
        var customer = shop.newCustomer();
        String order = shop.buy(customer, "tok_slow", Map.of(shop.product("3.00", 2), 1)).text("id");
        assertThat(shop.newCustomer().get("/api/orders/" + order + "/events").status()).isEqualTo(404);

        var token = customerToken(customer);
        var names = new CopyOnWriteArrayList<String>();
        var stream = Thread.ofVirtual().start(() -> readEvents(order, token, names));
        shop.awaitStatus(order, "CONFIRMED");
        String shipment = shop.staff().post("/api/fulfillment/orders/" + order + "/shipments",
                Map.of("carrier", "DHL", "trackingNumber", "LIVE-1")).text("id");
        shop.staff().post("/api/fulfillment/shipments/" + shipment + "/delivered", null);

        stream.join(Duration.ofSeconds(20));
        assertThat(stream.isAlive()).as("the stream ends after DELIVERED").isFalse();
        assertThat(names).containsExactly("CONFIRMED", "SHIPPED", "DELIVERED");
    }

    private void readEvents(String order, String token, List<String> names) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders/" + order + "/events"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
            var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        names.add(line.substring(6).strip());
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String customerToken(TestApi customer) {
        return customer.token();
    }

    private static List<String> types(TestApi user) {
        var list = new ArrayList<String>();
        user.get("/api/notifications").json().path("items").forEach(i -> list.add(i.path("type").asString()));
        return list;
    }

    private static List<String> subjects(TestApi user) {
        var list = new ArrayList<String>();
        user.get("/api/notifications?size=100").json().path("items").forEach(i -> list.add(i.path("subject").asString()));
        return list;
    }
}
