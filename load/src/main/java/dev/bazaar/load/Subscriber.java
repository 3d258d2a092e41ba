package dev.bazaar.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook subscriber as a shop's partner runs one: an HTTP endpoint that the shop delivers its signed order events
 * to (API.md, outgoing webhooks). It checks every delivery's {@code Bazaar-Signature}, answers a fraction of them
 * {@code 503} when asked to (the shop must try again) while the load runs, and keeps each event once by its id, as an
 * idempotent receiver does. Once the load is over it {@linkplain #recover() recovers} and takes every delivery, as a
 * partner's system back from an outage does; the checker then tells whether every transition was announced exactly
 * once. (Refusing on after the run, an unlucky event refused six times in a row would be tried again a minute later,
 * after the checker's last look: 0.2<sup>6</sup> per event, a few percent of short runs.)
 */
final class Subscriber implements AutoCloseable {

    static final List<String> EVENTS = List.of("order.placed", "order.confirmed", "order.payment_failed",
            "order.cancelled", "order.shipped", "order.delivered", "order.refunded");
    private static final long TOLERANCE_SECONDS = 300;

    /** One event as first received: its type and the order it is about. */
    record Event(String type, String orderId) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final String host;
    private final double failRate;
    private final Map<String, Event> events = new ConcurrentHashMap<>();
    final AtomicLong deliveries = new AtomicLong();
    final AtomicLong repeated = new AtomicLong();
    final AtomicLong refusedOnPurpose = new AtomicLong();
    final AtomicLong badSignatures = new AtomicLong();
    private volatile String secret = "";
    private volatile boolean recovered;
    private String subscriptionId;

    /** Listens on {@code host} (the address the shop reaches this machine by), on a free port. */
    Subscriber(String host, double failRate) throws IOException {
        this.host = host;
        this.failRate = failRate;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 1024);
        server.setExecutor(threads);
        server.createContext("/webhooks", this::receive);
        server.start();
    }

    /** Subscribes to every order event at this endpoint, with the shop's admin. */
    void subscribe(Api api, String admin) {
        var created = api.call("setup", "POST", "/api/admin/webhooks", admin, Map.of("url", url(), "events", EVENTS),
                false, Set.of(201));
        if (!created.ok()) {
            throw new IllegalStateException("cannot subscribe to the shop's webhooks: " + created.status() + " " + created.body());
        }
        subscriptionId = created.json().path("id").asString();
        trust(created.json().path("secret").asString());
    }

    /** The secret deliveries must be signed with: the subscription's. */
    void trust(String secret) {
        this.secret = secret;
    }

    /** Stops refusing deliveries on purpose: from now on every correctly signed one is taken. */
    void recover() {
        recovered = true;
    }

    /** Where the shop delivers to. */
    String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getAddress().getPort() + "/webhooks";
    }

    /**
     * Ends the subscription, so that the shop stops delivering to an endpoint that is going away. {@code DELETE} is
     * Bazaar's own addition to API.md's webhook endpoints, so a shop without it (404, 405) is not counted an error.
     */
    void unsubscribe(Api api, String admin) {
        if (subscriptionId != null) {
            api.call("check", "DELETE", "/api/admin/webhooks/" + subscriptionId, admin, null, false, Set.of(204, 404, 405));
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            deliveries.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            if (!signed(exchange.getRequestHeaders().getFirst("Bazaar-Signature"), body)) {
                badSignatures.incrementAndGet();
                status = 400;
            } else if (!recovered && failRate > 0 && ThreadLocalRandom.current().nextDouble() < failRate) {
                refusedOnPurpose.incrementAndGet();
                status = 503;
            } else {
                var json = Api.JSON.readTree(body);
                var event = new Event(json.path("type").asString(), json.path("data").path("order").path("id").asString());
                if (events.putIfAbsent(json.path("id").asString(), event) != null) {
                    repeated.incrementAndGet();
                }
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with the subscription's secret, at most 5 minutes old. */
    private boolean signed(String header, String body) {
        if (header == null || secret.isEmpty()) {
            return false;
        }
        var parts = new HashMap<String, String>();
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2) {
                parts.put(pair[0], pair[1]);
            }
        }
        try {
            long t = Long.parseLong(parts.getOrDefault("t", ""));
            return Math.abs(Instant.now().getEpochSecond() - t) <= TOLERANCE_SECONDS && MessageDigest.isEqual(
                    hmac(t + "." + body).getBytes(StandardCharsets.US_ASCII),
                    parts.getOrDefault("v1", "").getBytes(StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The distinct events received, counted per order and type. */
    Map<String, Map<String, Integer>> eventsByOrder() {
        var byOrder = new HashMap<String, Map<String, Integer>>();
        events.values().forEach(e -> byOrder.computeIfAbsent(e.orderId(), k -> new TreeMap<>()).merge(e.type(), 1, Integer::sum));
        return byOrder;
    }

    /** What the report says about the deliveries. */
    Map<String, Long> summary() {
        return Map.of("deliveries", deliveries.get(), "events", (long) events.size(), "repeated", repeated.get(),
                "refusedOnPurpose", refusedOnPurpose.get(), "badSignatures", badSignatures.get());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.close();
    }
}
