package dev.bazaar.payment.internal;

import dev.bazaar.payment.PaymentAuthorized;
import dev.bazaar.payment.PaymentFailed;
import dev.bazaar.payment.PaymentVoided;
import dev.bazaar.payment.internal.PaymentRequests.VoidRequested;
import dev.bazaar.payment.spi.PaymentGateway.Authorization;
import dev.bazaar.platform.secrets.Secrets;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.PaymentId;
import dev.bazaar.shared.web.ProblemException;
import dev.bazaar.shared.web.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Takes the provider's events: checks the signature and its age, handles each event id once, and moves the payment
 * it names, in one transaction with the event that tells the order. Late, repeated and out-of-order events change
 * nothing: only a {@link PaymentStatus#PENDING} payment is decided.
 */
@Service
public class WebhookIntake {

    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final PaymentRecords records;
    private final ApplicationEventPublisher events;
    private final Secrets secrets;
    private final JsonMapper json;
    private final Clock clock;
    private final String configuredSecret;
    private final TransactionTemplate transaction;
    private final Semaphore handling;
    private final Duration queueTimeout;

    WebhookIntake(PaymentRecords records, ApplicationEventPublisher events, Secrets secrets, JsonMapper json, Clock clock,
                  @Value("${bazaar.payment.sandbox.webhook-secret:}") String configuredSecret,
                  TransactionTemplate transaction,
                  @Value("${bazaar.payment.webhooks.max-concurrent:4}") int maxConcurrent,
                  @Value("${bazaar.payment.webhooks.queue-timeout:2s}") Duration queueTimeout) {
        this.records = records;
        this.events = events;
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
        this.configuredSecret = configuredSecret;
        this.transaction = transaction;
        this.handling = new Semaphore(maxConcurrent, true);
        this.queueTimeout = queueTimeout;
    }

    /**
     * Checks the event (provider, signature and age, shape: CPU only), and only then takes a database connection to
     * handle it. A forged event is refused without touching the database, and at most
     * {@code bazaar.payment.webhooks.max-concurrent} genuine ones are handled at once: the others wait up to
     * {@code bazaar.payment.webhooks.queue-timeout}, then get {@code 503} with Retry-After, and the provider sends
     * them again. Before, the transaction (and its connection) was opened first, so a flood of forged events, or a
     * burst of real ones, could hold every connection of the pool.
     *
     * @throws ProblemException 404 unknown provider; 400 bad or stale signature, or not an event; 503 when the event
     *                          overtook the intent it names, or too many events are being handled (the provider
     *                          retries later)
     */
    public void receive(String provider, String body, String signature) {
        if (!"sandbox".equals(provider)) {
            throw ProblemException.notFound("Payment provider " + provider);
        }
        if (!WebhookSignature.verify(secrets.configuredOrGenerated("psp-webhook", configuredSecret), signature, body,
                clock.instant(), TOLERANCE)) {
            throw ProblemException.badRequest("bad-signature", "The Bazaar-Signature is missing, wrong or older than 5 minutes.");
        }
        JsonNode event = parse(body);
        String eventId = event.path("id").asString();
        String intentId = event.path("data").path("intentId").asString();
        if (eventId.isBlank() || intentId.isBlank()) {
            throw ProblemException.badRequest("bad-event", "The event has no id or no data.intentId.");
        }
        boolean admitted;
        try {
            admitted = handling.tryAcquire(queueTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded",
                    "Too many events are being handled; send this one again in a moment.").withHeader("Retry-After", "1");
        }
        try {
            transaction.executeWithoutResult(status -> handle(event, eventId, intentId));
        } finally {
            handling.release();
        }
    }

    /** A genuine event, in one transaction with what it decides. */
    private void handle(JsonNode event, String eventId, String intentId) {
        Authorization decision = switch (event.path("type").asString()) {
            case "payment_intent.succeeded" -> new Authorization(true, null);
            case "payment_intent.payment_failed" ->
                    new Authorization(false, event.path("data").path("failureCode").asString("card_declined"));
            default -> null;
        };
        if (decision == null) {
            if (records.firstSighting(eventId, clock.instant())) {
                log.info("Ignoring provider event {} of type {}", eventId, event.path("type").asString());
            }
            return;
        }
        var decided = records.decideOnFirstSighting(eventId, clock.instant(), intentId, decision);
        if (decided.firstSighting()) {
            decided.decided().or(() -> decideLate(event, intentId, decision)).ifPresent(this::announce);
        }
    }

    /**
     * Decides the intent's payment by what the provider answered when asked (its event was overdue), as the event
     * would have: only a {@code PENDING} payment, once, whichever of the two comes first.
     */
    @Transactional
    public void decideAsAnswered(String intentId, Authorization answer) {
        records.decide(intentId, answer).ifPresent(this::announce);
    }

    /**
     * Nothing was decided: the payment is decided already (a late or repeated event), or its intent is not stored
     * yet, or the intent is not ours.
     */
    private Optional<Payment> decideLate(JsonNode event, String intentId, Authorization decision) {
        var known = records.lockByIntent(intentId).or(() -> adoptIntent(event, intentId));
        if (known.isEmpty()) {
            waitForIntentIfExpected(event);
            // the intent id may have been stored between the first read and that check: read once more (the check
            // ran after the first read, so anything stored before it is seen now)
            known = records.lockByIntent(intentId);
        }
        if (known.isEmpty()) {
            log.info("Ignoring provider event {} for unknown intent {}", event.path("id").asString(), intentId);
            return Optional.empty();
        }
        // still pending when its intent id was stored after the decision looked for it
        return known.get().awaitsDecision() ? records.decide(intentId, decision) : Optional.empty();
    }

    /** Tells the order (and, for a voided authorisation, the provider) what the payment became. */
    private void announce(Payment payment) {
        var order = new OrderId(payment.orderId());
        switch (payment.status()) {
            case VOIDED -> {
                events.publishEvent(new VoidRequested(payment.id()));
                events.publishEvent(new PaymentVoided(order, clock.instant()));
            }
            case AUTHORIZED ->
                    events.publishEvent(new PaymentAuthorized(order, new PaymentId(payment.id()), payment.attemptKey(), payment.amount(), clock.instant()));
            case FAILED -> {
                String code = Objects.requireNonNull(payment.failureCode());
                events.publishEvent(new PaymentFailed(order, new PaymentId(payment.id()), payment.attemptKey(), code,
                        "The payment was declined: " + code.replace('_', ' ') + ".", clock.instant()));
            }
            case PENDING -> throw new IllegalStateException("a decision cannot leave payment " + payment.id() + " pending");
        }
    }

    /**
     * The provider's answer naming this intent has not been stored (it is on its way, or it was lost to a timeout),
     * but the event names the payment the intent was created for ({@code data.metadata.paymentId}, echoed from the
     * request): the intent becomes that payment's, if the payment is of the event's order and amount and has no
     * intent yet. The event is signed, so it speaks for the provider as much as its answer would.
     */
    private Optional<Payment> adoptIntent(JsonNode event, String intentId) {
        var data = event.path("data");
        try {
            var payment = UUID.fromString(data.path("metadata").path("paymentId").asString());
            var order = UUID.fromString(data.path("orderId").asString());
            var amount = Money.of(data.path("amount").path("amount").asString(), data.path("amount").path("currency").asString());
            return records.adoptIntent(payment, order, amount, intentId);
        } catch (IllegalArgumentException noneOrNotOurs) {
            return Optional.empty();
        }
    }

    /** An event can arrive before we stored the intent id the provider just gave us: ask the provider to retry. */
    private void waitForIntentIfExpected(JsonNode event) {
        String orderId = event.path("data").path("orderId").asString();
        try {
            if (!orderId.isBlank() && records.awaitsIntent(UUID.fromString(orderId))) {
                throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "retry-later", "Retry later",
                        "The payment this event names is still being recorded.");
            }
        } catch (IllegalArgumentException notAnOrderId) {
            // not one of ours: ignore the event
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("bad-event", "The event is not JSON.");
        }
    }
}
