package dev.bazaar.notification.internal;

import dev.bazaar.platform.outbound.LeasedDispatch;
import dev.bazaar.shared.web.WebhookSignature;
import jakarta.annotation.PreDestroy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivers webhook events to subscribers, signed with each subscription's secret, retrying failures with exponential
 * back-off from 1 s (1, 2, 4 … at most 60 s apart). After 12 failed tries a delivery is given up and its
 * subscription disabled. Every attempt is logged. State lives in tables, so deliveries survive a restart, and they
 * are leased with {@code SKIP LOCKED}, so several instances share them.
 */
@Component
class WebhookDeliveries {

    private static final int MAX_ATTEMPTS = 12;
    /** Deliveries in flight at once: a slow subscriber holds one of them, not everyone's queue. */
    private static final int IN_FLIGHT = 32;

    private final Webhooks webhooks;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final LeasedDispatch dispatch = new LeasedDispatch(IN_FLIGHT, IN_FLIGHT);

    WebhookDeliveries(Webhooks webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${bazaar.notification.webhook-interval:250ms}")
    void sendDue() {
        dispatch.drain(webhooks::leaseDue, this::send);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        dispatch.close();
    }

    private void send(Webhooks.Due delivery) {
        int status = 0;
        try {
            var request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(delivery.secret(), clock.instant(), delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception noAnswer) {
            // status 0: no answer (refused, timed out); retried like any failure
        }
        Instant now = clock.instant();
        long backoffMillis = Math.min(60_000, 1000L << Math.min(delivery.attempt() - 1, 6));
        webhooks.attempted(delivery, status, now, now.plusMillis(backoffMillis), delivery.attempt() >= MAX_ATTEMPTS);
    }
}
