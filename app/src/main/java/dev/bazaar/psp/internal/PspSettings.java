package dev.bazaar.psp.internal;

import dev.bazaar.platform.payments.ConditionalOnSandboxPaymentSystem;
import dev.bazaar.platform.secrets.Secrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's configuration: its API key and webhook secret (configured, or generated once and shared through the
 * database), where it sends webhooks (by default this very shop, on its actual port), and fault knobs for load tests
 * (failing, slow and duplicated answers, late webhooks).
 */
@ConditionalOnSandboxPaymentSystem
@Component
public class PspSettings {

    private final Secrets secrets;
    private final Environment env;
    private final String configuredApiKey;
    private final String configuredWebhookSecret;
    private final String webhookUrl;
    final double duplicateWebhooks;
    final Duration webhookDelay;
    final double failRate;
    private final double slowRate;
    private final Duration latency;
    private volatile String apiKey;
    private volatile String webhookSecret;
    private final CountDownLatch stopping = new CountDownLatch(1);

    PspSettings(Secrets secrets, Environment env,
                @Value("${bazaar.psp.api-key:}") String apiKey,
                @Value("${bazaar.psp.webhook-secret:}") String webhookSecret,
                @Value("${bazaar.psp.webhook-url:}") String webhookUrl,
                @Value("${bazaar.psp.faults.duplicate-webhooks:0}") double duplicateWebhooks,
                @Value("${bazaar.psp.faults.webhook-delay:0s}") Duration webhookDelay,
                @Value("${bazaar.psp.faults.fail-rate:0}") double failRate,
                @Value("${bazaar.psp.faults.slow-rate:0}") double slowRate,
                @Value("${bazaar.psp.faults.latency:3s}") Duration latency) {
        this.secrets = secrets;
        this.env = env;
        this.configuredApiKey = apiKey;
        this.configuredWebhookSecret = webhookSecret;
        this.webhookUrl = webhookUrl;
        this.duplicateWebhooks = duplicateWebhooks;
        this.webhookDelay = webhookDelay;
        this.failRate = failRate;
        this.slowRate = slowRate;
        this.latency = latency;
    }

    /**
     * Holds an API answer back for {@code bazaar.psp.faults.latency} on a fraction {@code bazaar.psp.faults.slow-rate}
     * of the calls. The work is done by then, so a caller that gives up first has an intent it does not know of yet,
     * and its webhook may arrive before the answer. Held answers go at once when the shop begins to stop: a real PSP
     * does not stop with the shop, and a held answer would hold up the shop's graceful shutdown for the latency.
     */
    public void holdAnswer() throws InterruptedException {
        if (slowRate > 0 && ThreadLocalRandom.current().nextDouble() < slowRate) {
            stopping.await(latency.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @EventListener(ContextClosedEvent.class)
    void releaseHeldAnswers() {
        stopping.countDown();
    }

    public String apiKey() {
        if (apiKey == null) {
            apiKey = secrets.configuredOrGenerated("psp-api-key", configuredApiKey);
        }
        return apiKey;
    }

    String webhookSecret() {
        if (webhookSecret == null) {
            webhookSecret = secrets.configuredOrGenerated("psp-webhook", configuredWebhookSecret);
        }
        return webhookSecret;
    }

    /** Resolved when sending, because with {@code server.port=0} the port is known only once the server runs. */
    String webhookUrl() {
        return StringUtils.hasText(webhookUrl) ? webhookUrl
                : "http://127.0.0.1:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"))
                + "/api/payments/webhooks/sandbox";
    }
}
