package dev.bazaar.load;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's webhook receiver over real HTTP: signed events are kept once by id, anything else is refused. */
class SubscriberTests {

    private static final String SECRET = "whsec_test";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSignedEventDeliveredTwiceIsKeptOnce() throws Exception {
        try (var subscriber = new Subscriber("127.0.0.1", 0)) {
            subscriber.trust(SECRET);
            String body = event("e1", "order.confirmed", "o1");

            assertThat(deliver(subscriber, body, sign(SECRET, Instant.now(), body))).isEqualTo(200);
            assertThat(deliver(subscriber, body, sign(SECRET, Instant.now(), body))).isEqualTo(200);

            assertThat(subscriber.eventsByOrder()).isEqualTo(Map.of("o1", Map.of("order.confirmed", 1)));
            assertThat(subscriber.summary()).containsEntry("deliveries", 2L).containsEntry("events", 1L)
                    .containsEntry("repeated", 1L).containsEntry("badSignatures", 0L);
        }
    }

    @Test
    void forgedStaleAndUnsignedDeliveriesAreRefusedAndCounted() throws Exception {
        try (var subscriber = new Subscriber("127.0.0.1", 0)) {
            subscriber.trust(SECRET);
            String body = event("e2", "order.placed", "o2");

            assertThat(deliver(subscriber, body, sign("another secret", Instant.now(), body))).isEqualTo(400);
            assertThat(deliver(subscriber, body, sign(SECRET, Instant.now().minusSeconds(600), body))).isEqualTo(400);
            assertThat(deliver(subscriber, body, null)).isEqualTo(400);
            assertThat(deliver(subscriber, event("e2", "order.cancelled", "o2"), sign(SECRET, Instant.now(), body)))
                    .as("a signature of another body").isEqualTo(400);

            assertThat(subscriber.eventsByOrder()).isEmpty();
            assertThat(subscriber.badSignatures.get()).isEqualTo(4);
        }
    }

    @Test
    void aFailingReceiverAnswers503AndKeepsNothing() throws Exception {
        try (var subscriber = new Subscriber("127.0.0.1", 1.0)) {
            subscriber.trust(SECRET);
            String body = event("e3", "order.shipped", "o3");

            assertThat(deliver(subscriber, body, sign(SECRET, Instant.now(), body))).isEqualTo(503);

            assertThat(subscriber.eventsByOrder()).isEmpty();
            assertThat(subscriber.refusedOnPurpose.get()).isOne();
        }
    }

    @Test
    void onceRecoveredAFailingReceiverTakesTheRetry() throws Exception {
        try (var subscriber = new Subscriber("127.0.0.1", 1.0)) {
            subscriber.trust(SECRET);
            String body = event("e4", "order.confirmed", "o4");
            assertThat(deliver(subscriber, body, sign(SECRET, Instant.now(), body))).isEqualTo(503);

            subscriber.recover();

            assertThat(deliver(subscriber, body, sign(SECRET, Instant.now(), body))).isEqualTo(200);
            assertThat(subscriber.eventsByOrder()).containsEntry("o4", java.util.Map.of("order.confirmed", 1));
        }
    }

    private int deliver(Subscriber subscriber, String body, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(subscriber.url())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("Bazaar-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String event(String id, String type, String order) {
        return """
                {"id":"%s","type":"%s","createdAt":"2026-12-07T00:00:00Z","data":{"order":{"id":"%s","status":"CONFIRMED"}}}"""
                .formatted(id, type, order);
    }

    /** API.md's Bazaar-Signature, made independently of the receiver's check. */
    private static String sign(String secret, Instant at, String body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
