package dev.bazaar.notification.internal;

import dev.bazaar.platform.outbound.LeasedDispatch;
import dev.bazaar.platform.outbound.OutboundHttp;
import dev.bazaar.platform.outbound.OutboundTargets;
import dev.bazaar.platform.outbound.OutboundTargets.RefusedTarget;
import dev.bazaar.shared.web.WebhookSignature;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivers webhook events to subscribers, signed with each subscription's secret, retrying failures with exponential
 * back-off from 1 s (1, 2, 4 … at most 60 s apart). After 12 failed tries a delivery is given up and its
 * subscription disabled. Every attempt is logged. State lives in tables, so deliveries survive a restart, and they
 * are leased with {@code SKIP LOCKED}, so several instances share them.
 * <p>
 * Every connection resolves the subscriber's host through {@link OutboundTargets}: a host that has come to resolve to
 * an address the shop may not send to (this machine, its networks, cloud metadata) is not sent to. Such an attempt is
 * logged with status 0 and given up at once, which disables the subscription: trying again would only be refused
 * again, until an admin subscribes a receiver the shop may reach.
 */
@Component
class WebhookDeliveries {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    private static final int MAX_ATTEMPTS = 12;
    /** Deliveries in flight at once: a slow subscriber holds one of them, not everyone's queue. */
    private static final int IN_FLIGHT = 32;

    private final Webhooks webhooks;
    private final Clock clock;
    private final RestClient http;
    private final LeasedDispatch dispatch = new LeasedDispatch(IN_FLIGHT, IN_FLIGHT);

    WebhookDeliveries(Webhooks webhooks, OutboundTargets targets, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
        this.http = RestClient.builder().requestFactory(OutboundHttp.requestFactory(IN_FLIGHT, Duration.ofSeconds(3),
                Duration.ofSeconds(5), targets.dnsResolver())).build();
    }

    @Scheduled(fixedDelayString = "${bazaar.notification.webhook-interval:250ms}")
    void sendDue() {
        dispatch.drain(webhooks::leaseDue, this::send, Webhooks.Due::id);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        dispatch.close();
    }

    private void send(Webhooks.Due delivery) {
        int status = 0;
        boolean refused = false;
        try {
            status = http.post().uri(URI.create(delivery.url()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(delivery.secret(), clock.instant(), delivery.payload()))
                    .body(delivery.payload().getBytes(StandardCharsets.UTF_8))
                    .exchange((request, response) -> response.getStatusCode().value());
        } catch (RuntimeException noAnswer) {
            // status 0: no answer (refused, timed out); retried like any failure, unless the target itself is refused
            RefusedTarget refusal = refusal(noAnswer);
            if (refusal != null) {
                refused = true;
                log.warn("Webhook delivery {} to subscription {} not sent and given up: {}", delivery.id(),
                        delivery.subscriptionId(), refusal.getMessage());
            }
        }
        Instant now = clock.instant();
        long backoffMillis = Math.min(60_000, 1000L << Math.min(delivery.attempt() - 1, 6));
        webhooks.attempted(delivery, status, now, now.plusMillis(backoffMillis), refused || delivery.attempt() >= MAX_ATTEMPTS);
    }

    private static @Nullable RefusedTarget refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedTarget refused) {
                return refused;
            }
        }
        return null;
    }
}
