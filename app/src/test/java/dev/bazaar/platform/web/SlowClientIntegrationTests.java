package dev.bazaar.platform.web;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slow-body clients (a Content-Length body dripped one byte every 2 s) against the sign-in endpoint and, signed in,
 * against the cart: meanwhile other customers are served as usual, and the slow connections are answered 408 and
 * closed once their body's deadline (bazaar.web.body-timeout, 8 s in tests) has passed.
 */
@BazaarIntegrationTest
class SlowClientIntegrationTests {

    private static final int ANONYMOUS_DRIPPERS = 5;
    private static final int SIGNED_IN_DRIPPERS = 5;
    private static final Duration DRIP = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Dripper> drippers = new ArrayList<>();

    @AfterEach
    void hangUp() {
        drippers.forEach(Dripper::close);
        threads.shutdownNow();
    }

    @Test
    @Timeout(90)
    void clientsDrippingTheirBodiesHoldNoPermitAndAreCutOffWhileOtherCustomersAreServed() throws Exception {
        var api = new TestApi(port);
        var shop = new Shop(api);
        String sku = shop.product("4.20", 0);
        List<TestApi> customers = List.of(shop.newCustomer(), shop.newCustomer(), shop.newCustomer());
        String attackersToken = api.newCustomer();

        for (int i = 0; i < ANONYMOUS_DRIPPERS; i++) {
            drippers.add(drip("/api/auth/token", null));
        }
        for (int i = 0; i < SIGNED_IN_DRIPPERS; i++) {
            drippers.add(drip("/api/cart/items", attackersToken));
        }
        // each has sent its headers and two bytes of its body: each is in the shop, reading its body
        await().atMost(Duration.ofSeconds(20)).until(() -> drippers.stream().allMatch(d -> d.sent.get() >= 2));

        var served = new ArrayList<CompletableFuture<List<Integer>>>();
        for (TestApi customer : customers) {
            served.add(CompletableFuture.supplyAsync(() -> List.of(
                    customer.get("/api/cart").status(),
                    customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 1)).status(),
                    customer.get("/api/cart").status(),
                    api.get("/api/products").status()), threads));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> served.stream().allMatch(CompletableFuture::isDone));
        assertThat(drippers).as("the slow clients still drip while the others are served")
                .noneMatch(d -> d.answer.isDone());
        for (var statuses : served) {
            assertThat(statuses.join()).containsOnly(200);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> drippers.stream().allMatch(d -> d.answer.isDone()));
        for (Dripper dripper : drippers) {
            var answer = dripper.answer.join();
            assertThat(answer).as("a slow body is refused and its connection closed").startsWith("HTTP/1.1 408");
            assertThat(dripper.sent.get()).as("cut long before its 1000 bytes").isLessThan(20);
        }
    }

    /** A connection that sends its headers at once, then its body's 1000 bytes one every {@link #DRIP}. */
    private Dripper drip(String path, String token) throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(60_000);
        var dripper = new Dripper(socket);
        String headers = "POST " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(headers.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        threads.submit(() -> {
            try {
                out.write('{');
                dripper.sent.incrementAndGet();
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(DRIP);
                    out.write(' ');
                    dripper.sent.incrementAndGet();
                }
            } catch (IOException | InterruptedException cut) {
                // the shop closed the connection (or the test ended)
            }
            return null;
        });
        dripper.answer = CompletableFuture.supplyAsync(() -> readToTheEnd(socket, dripper.received), threads);
        return dripper;
    }

    /** Everything the shop answers until it closes the connection. */
    private static String readToTheEnd(Socket socket, ByteArrayOutputStream answer) {
        try (InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // reset after the answer: what was read is the answer
        }
        return answer.toString(StandardCharsets.US_ASCII);
    }

    private static final class Dripper {
        final Socket socket;
        final AtomicInteger sent = new AtomicInteger();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        volatile CompletableFuture<String> answer;

        Dripper(Socket socket) {
            this.socket = socket;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
