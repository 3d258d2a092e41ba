package dev.bazaar.platform.outbound;

import com.sun.net.httpserver.HttpServer;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbound client against a real HTTP receiver that holds its answers until the test lets them go. */
class OutboundHttpTests {

    private final CountDownLatch answer = new CountDownLatch(1);
    private final CountDownLatch firstCallArrived = new CountDownLatch(1);
    private HttpServer receiver;
    private String url;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/slow", exchange -> {
            firstCallArrived.countDown();
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/slow";
    }

    @AfterEach
    void stopReceiver() {
        answer.countDown();
        receiver.stop(0);
    }

    @Test
    void aCallThatFindsEveryConnectionHeldBySlowCallsFailsInsteadOfQueueingBehindThem() throws Exception {
        var http = RestClient.builder()
                .requestFactory(OutboundHttp.requestFactory(1, Duration.ofMillis(300), Duration.ofSeconds(20))).build();
        var held = Thread.ofVirtual().start(() -> http.post().uri(url).retrieve().toBodilessEntity());
        assertThat(firstCallArrived.await(10, TimeUnit.SECONDS)).isTrue();

        // the only connection is held until the receiver answers, which it does only after this call has given up
        assertThatThrownBy(() -> http.post().uri(url).retrieve().toBodilessEntity())
                .isInstanceOf(ResourceAccessException.class)
                .hasRootCauseInstanceOf(ConnectionRequestTimeoutException.class);

        answer.countDown();
        held.join();
        assertThat(http.post().uri(url).retrieve().toBodilessEntity().getStatusCode().value())
                .as("the connection is free again once the slow call has its answer").isEqualTo(204);
    }
}
