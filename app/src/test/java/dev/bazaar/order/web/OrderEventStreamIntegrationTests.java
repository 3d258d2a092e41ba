package dev.bazaar.order.web;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Live order streams: resuming, several watchers of one order, and the bound on how many one user holds. */
@BazaarIntegrationTest
class OrderEventStreamIntegrationTests {

    private static final int STREAMS_PER_USER = 20;

    @LocalServerPort
    int port;
    Shop shop;
    final HttpClient http = HttpClient.newHttpClient();
    final List<InputStream> held = new ArrayList<>();

    @BeforeEach
    void setUp() {
        shop = new Shop(new TestApi(port));
    }

    @AfterEach
    void closeStreams() throws Exception {
        for (var stream : held) {
            stream.close();
        }
    }

    @Test
    void aStreamResumedFromTheStartGetsTheWholeTimelineWhileANewOneGetsOnlyWhatFollows() throws Exception {
        var customer = shop.newCustomer();
        String order = confirmedOrder(customer);

        var resumed = new CopyOnWriteArrayList<String>();
        var fromNow = new CopyOnWriteArrayList<String>();
        var resuming = open(customer, order, "0");
        var following = open(customer, order, null);
        assertThat(List.of(resuming.statusCode(), following.statusCode())).as("both open at once").containsOnly(200);
        var fromStart = Thread.ofVirtual().start(() -> readEventNames(resuming.body(), resumed));
        var afterNow = Thread.ofVirtual().start(() -> readEventNames(following.body(), fromNow));
        assertThat(customer.post("/api/orders/" + order + "/cancel", null).status()).isEqualTo(200);

        fromStart.join(Duration.ofSeconds(10));
        afterNow.join(Duration.ofSeconds(10));
        assertThat(resumed).containsExactly("PENDING_PAYMENT", "CONFIRMED", "CANCELLED");
        assertThat(fromNow).containsExactly("CANCELLED");
    }

    @Test
    void streamsReplayingFromTheStartWhileTheOrderMovesOnEachGetTheWholeTimelineOnceInOrder() throws Exception {
        var customer = shop.newCustomer();
        String order = confirmedOrder(customer);
        var seen = new ArrayList<List<String>>();
        var readers = new ArrayList<Thread>();
        for (int i = 0; i < 15; i++) {
            var names = new CopyOnWriteArrayList<String>();
            seen.add(names);
            // clients arriving one after another (not a wait for anything): spread over the shipping below, so that
            // streams join while entries arrive
            long delay = i * 60L;
            readers.add(Thread.ofVirtual().start(() -> {
                sleep(delay);
                readEventNames(open(customer, order, "0").body(), names);
            }));
        }
        String shipment = shop.staff().post("/api/fulfillment/orders/" + order + "/shipments",
                Map.of("carrier", "DHL", "trackingNumber", "REPLAY-1")).text("id");
        // delivered while streams are live: once one of them has seen the shipment, later ones are still joining
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(names -> names.contains("SHIPPED")));
        shop.staff().post("/api/fulfillment/shipments/" + shipment + "/delivered", null);

        for (var reader : readers) {
            assertThat(reader.join(Duration.ofSeconds(20))).as("every stream ends after DELIVERED").isTrue();
        }
        assertThat(seen).allSatisfy(names ->
                assertThat(names).containsExactly("PENDING_PAYMENT", "CONFIRMED", "SHIPPED", "DELIVERED"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aUserMayHoldTwentyStreamsAndTheNextIsRefusedUntilOneEnds() throws Exception {
        var customer = shop.newCustomer();
        String order = confirmedOrder(customer);
        for (int i = 0; i < STREAMS_PER_USER; i++) {
            var stream = open(customer, order, null);
            assertThat(stream.statusCode()).isEqualTo(200);
            held.add(stream.body());
        }

        var refused = open(customer, order, null);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(new String(refused.body().readAllBytes(), StandardCharsets.UTF_8)).contains("/too-many-streams");

        var someoneElse = shop.newCustomer();
        var theirs = open(someoneElse, confirmedOrder(someoneElse), null);
        assertThat(theirs.statusCode()).as("the bound is per user").isEqualTo(200);
        held.add(theirs.body());

        assertThat(customer.post("/api/orders/" + order + "/cancel", null).status()).isEqualTo(200);
        for (var stream : held.subList(0, STREAMS_PER_USER)) {
            stream.readAllBytes();
        }
        var another = open(customer, confirmedOrder(customer), null);
        assertThat(another.statusCode()).as("streams that ended gave their places back").isEqualTo(200);
        held.add(another.body());
    }

    private String confirmedOrder(TestApi customer) {
        String order = shop.buy(customer, "tok_visa", Map.of(shop.product("4.00", 5), 1)).text("id");
        shop.awaitStatus(order, "CONFIRMED");
        return order;
    }

    private HttpResponse<InputStream> open(TestApi user, String order, String lastEventId) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders/" + order + "/events"))
                .header("Authorization", "Bearer " + user.token()).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readEventNames(InputStream body, List<String> names) {
        try (var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    names.add(line.substring(6).strip());
                }
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
