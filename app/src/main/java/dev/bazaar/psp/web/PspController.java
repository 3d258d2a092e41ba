package dev.bazaar.psp.web;

import dev.bazaar.platform.payments.ConditionalOnSandboxPaymentSystem;
import dev.bazaar.psp.internal.Intent;
import dev.bazaar.psp.internal.PspSettings;
import dev.bazaar.psp.internal.SandboxPayments;
import dev.bazaar.shared.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sandbox PSP's own API, Stripe-like: amounts in minor units, an {@code Idempotency-Key} on every write, a
 * secret API key as bearer token. Outcomes of new intents arrive later, by webhook.
 */
@ConditionalOnSandboxPaymentSystem
@RestController
@RequestMapping("/psp/v1/payment_intents")
class PspController {

    private final SandboxPayments payments;
    private final PspSettings settings;
    private final Clock clock;
    private final double failRate;

    PspController(SandboxPayments payments, PspSettings settings, Clock clock,
                  @org.springframework.beans.factory.annotation.Value("${bazaar.psp.faults.fail-rate:0}") double failRate) {
        this.payments = payments;
        this.settings = settings;
        this.clock = clock;
        this.failRate = failRate;
    }

    record CreateIntent(@NotNull @Min(1) @Max(100_000_000_00L) Long amount,
                        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                        @NotBlank @Size(max = 255) String paymentToken,
                        @NotBlank @Size(max = 64) String orderId,
                        @Nullable @Size(max = 20) Map<@NotBlank @Size(max = 40) String, @NotNull @Size(max = 500) String> metadata) {
    }

    record AmountRequest(@Nullable @Min(1) Long amount) {
    }

    record IntentResponse(String id, String status, long amount, String currency, long captured, long refunded,
                          String orderId, @Nullable String failureCode, Instant created) {
        static IntentResponse of(Intent intent, Instant now) {
            return new IntentResponse(intent.id(), intent.statusAt(now).wireName(), intent.amount(), intent.currency(),
                    intent.captured(), intent.refunded(), intent.orderId(), intent.failureCodeAt(now), intent.createdAt());
        }
    }

    @PostMapping
    IntentResponse create(@RequestHeader(value = "Authorization", required = false) String auth,
                          @RequestHeader("Idempotency-Key") String key, @Valid @RequestBody CreateIntent request) {
        guard(auth);
        return respond(payments.create(key, request.amount(), request.currency(), request.paymentToken(), request.orderId(),
                request.metadata() == null ? Map.of() : request.metadata()));
    }

    @GetMapping("/{id}")
    IntentResponse get(@RequestHeader(value = "Authorization", required = false) String auth, @PathVariable String id) {
        guard(auth);
        return respond(payments.find(id).orElseThrow(() -> ProblemException.notFound("Payment intent " + id)));
    }

    @PostMapping("/{id}/capture")
    IntentResponse capture(@RequestHeader(value = "Authorization", required = false) String auth,
                           @RequestHeader("Idempotency-Key") String key, @PathVariable String id,
                           @Valid @RequestBody AmountRequest request) {
        guard(auth);
        var intent = payments.find(id).orElseThrow(() -> ProblemException.notFound("Payment intent " + id));
        long amount = request.amount() == null ? intent.amount() - intent.captured() : request.amount();
        return respond(payments.capture(id, amount, key));
    }

    @PostMapping("/{id}/cancel")
    IntentResponse cancel(@RequestHeader(value = "Authorization", required = false) String auth,
                          @RequestHeader("Idempotency-Key") String key, @PathVariable String id) {
        guard(auth);
        return respond(payments.cancel(id, key));
    }

    @PostMapping("/{id}/refunds")
    IntentResponse refund(@RequestHeader(value = "Authorization", required = false) String auth,
                          @RequestHeader("Idempotency-Key") String key, @PathVariable String id,
                          @Valid @RequestBody AmountRequest request) {
        guard(auth);
        var intent = payments.find(id).orElseThrow(() -> ProblemException.notFound("Payment intent " + id));
        long amount = request.amount() == null ? intent.captured() - intent.refunded() : request.amount();
        return respond(payments.refund(id, amount, key));
    }

    /** Answers the intent as it is now, after the configured latency when this call is one of the slow ones. */
    private IntentResponse respond(Intent intent) {
        try {
            settings.holdAnswer(); // a request thread of its own (virtual), outside any transaction
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return IntentResponse.of(intent, clock.instant());
    }

    /** The secret API key, compared in constant time; and, when configured for load tests, some calls fail first. */
    private void guard(@Nullable String auth) {
        byte[] expected = ("Bearer " + settings.apiKey()).getBytes(StandardCharsets.UTF_8);
        if (auth == null || !MessageDigest.isEqual(expected, auth.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "psp-unauthorized", "Unauthorized",
                    "A valid PSP API key is required.");
        }
        if (failRate > 0 && ThreadLocalRandom.current().nextDouble() < failRate) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "psp-unavailable", "Unavailable",
                    "The sandbox PSP is configured to fail some calls.", Map.of());
        }
    }
}
