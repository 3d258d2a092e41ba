package dev.bazaar.payment.internal;

import dev.bazaar.payment.spi.PaymentGateway;
import dev.bazaar.platform.outbound.OutboundHttp;
import dev.bazaar.platform.payments.PaymentSystem;
import dev.bazaar.platform.secrets.Secrets;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.PaymentId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The adapter for the sandbox PSP's wire protocol, over HTTP: the built-in sandbox's ({@code BAZAAR_PSP=sandbox}, by
 * default on this very instance) or an external Payment System's that speaks it ({@code BAZAAR_PSP=external} at
 * {@code BAZAAR_PSP_URL}). With {@code BAZAAR_PSP=off} it calls nothing: every call fails as not accepted, so work
 * begun before stays in the outbox until a Payment System is configured again. A call the PSP answers with a 5xx is tried once more at once:
 * the PSP is there, and the next call usually finds it ready. A call without an answer (read timeout, refused
 * connection) is not: a timed-out call may well be done at the PSP, whose event then tells the outcome (an
 * authorisation names its payment), and a second call at once would hold a connection as long again, which under a
 * slow PSP starved every other call of connections. A call that was not accepted fails with {@link GatewayException}
 * and is retried later, with the same idempotency key; one the PSP refused (a 4xx) fails with {@link Refused}.
 */
@Component
class SandboxGateway implements PaymentGateway {

    /** The sandbox's limit in minor units: its API answers a larger intent {@code 400}. */
    private static final long LARGEST_PAYMENT_MINOR = 100_000_000_00L;

    private final Environment env;
    private final Secrets secrets;
    private final PaymentSystem system;
    private final String configuredUrl;
    private final String configuredApiKey;
    private final RestClient http;
    private volatile @Nullable String resolvedUrl;

    SandboxGateway(Environment env, Secrets secrets, PaymentSystem system, RestClient.Builder builder,
                   @Value("${bazaar.payment.sandbox.url:}") String url,
                   @Value("${bazaar.payment.sandbox.api-key:}") String apiKey,
                   @Value("${bazaar.payment.sandbox.read-timeout:10s}") Duration readTimeout,
                   @Value("${bazaar.payment.sandbox.max-connections:512}") int maxConnections) {
        this.env = env;
        this.secrets = secrets;
        this.system = system;
        this.configuredUrl = url;
        this.configuredApiKey = apiKey;
        this.http = builder.requestFactory(OutboundHttp.requestFactory(maxConnections, Duration.ofSeconds(2), readTimeout)).build();
    }

    @Override
    public String provider() {
        return "sandbox";
    }

    @Override
    public Money largestPayment(Currency currency) {
        return Money.ofMinor(LARGEST_PAYMENT_MINOR, currency);
    }

    record Intent(String id, String status, @Nullable String failureCode) {
    }

    @Override
    public String authorize(String key, OrderId orderId, PaymentId paymentId, Money amount, String token) {
        return call(key, "/psp/v1/payment_intents", Map.of("amount", amount.minorUnits(),
                "currency", amount.currency().getCurrencyCode(), "paymentToken", token, "orderId", orderId.toString(),
                "metadata", Map.of("paymentId", paymentId.toString()))).id();
    }

    @Override
    public Optional<Authorization> authorization(String intentId) {
        Intent intent;
        requireAvailable("/psp/v1/payment_intents/{id}");
        try {
            intent = http.get().uri(baseUrl() + "/psp/v1/payment_intents/{id}", intentId)
                    .header("Authorization", "Bearer " + apiKey())
                    .retrieve()
                    .body(Intent.class);
        } catch (RestClientException e) {
            throw notAccepted("/psp/v1/payment_intents/{id}", e);
        }
        return switch (Objects.requireNonNull(intent).status()) {
            case "succeeded" -> Optional.of(new Authorization(true, null));
            case "failed" -> Optional.of(new Authorization(false, intent.failureCode()));
            default -> Optional.empty(); // processing
        };
    }

    @Override
    public void capture(String key, String intentId, Money amount) {
        call(key, "/psp/v1/payment_intents/{id}/capture", Map.of("amount", amount.minorUnits()), intentId);
    }

    @Override
    public void cancel(String key, String intentId) {
        call(key, "/psp/v1/payment_intents/{id}/cancel", Map.of(), intentId);
    }

    @Override
    public void refund(String key, String intentId, Money amount) {
        call(key, "/psp/v1/payment_intents/{id}/refunds", Map.of("amount", amount.minorUnits()), intentId);
    }

    /**
     * The intent's id is a URI variable, not part of the path string: the client's request metric is tagged with the
     * template, so it has one time series per operation instead of one per intent.
     */
    private Intent call(String key, String path, Map<String, ?> body, Object... uriVariables) {
        requireAvailable(path);
        for (int attempt = 1; ; attempt++) {
            try {
                return http.post().uri(baseUrl() + path, uriVariables)
                        .header("Authorization", "Bearer " + apiKey())
                        .header("Idempotency-Key", key)
                        .body(body)
                        .retrieve()
                        .body(Intent.class);
            } catch (HttpServerErrorException e) {
                if (attempt == 2) {
                    throw notAccepted(path, e);
                }
            } catch (HttpClientErrorException e) {
                throw refusedOrNotAccepted(path, e);
            } catch (RestClientException e) {
                throw notAccepted(path, e);
            }
        }
    }

    private String apiKey() {
        return secrets.configuredOrGenerated("psp-api-key", configuredApiKey);
    }

    private void requireAvailable(String path) {
        if (!system.available()) {
            throw new GatewayException("No Payment System is configured (BAZAAR_PSP=off) to accept " + path);
        }
    }

    /**
     * A 4xx is the PSP's answer to this very request, and it answers the same request alike: refused. Except a request
     * timeout (408) and too many requests (429), which say "not now".
     */
    private static GatewayException refusedOrNotAccepted(String path, HttpClientErrorException cause) {
        int status = cause.getStatusCode().value();
        return status == 408 || status == 429 ? notAccepted(path, cause)
                : new Refused("The sandbox PSP refused " + path + " (HTTP " + status + ")", cause);
    }

    private static GatewayException notAccepted(String path, RestClientException cause) {
        return new GatewayException("The sandbox PSP did not accept " + path + " now", cause);
    }

    /**
     * Resolved on first use, once the server runs (with {@code server.port=0} the port is known only then), and kept:
     * looking it up in the environment on every call cost more than the rest of building the request.
     */
    private String baseUrl() {
        String url = resolvedUrl;
        if (url == null) {
            String port = env.getProperty("local.server.port");
            url = StringUtils.hasText(configuredUrl) ? configuredUrl
                    : "http://127.0.0.1:" + (port != null ? port : env.getProperty("server.port", "8080"));
            if (StringUtils.hasText(configuredUrl) || port != null) {
                resolvedUrl = url;
            }
        }
        return url;
    }
}
