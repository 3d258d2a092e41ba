package dev.bazaar.payment.web;

import dev.bazaar.payment.internal.WebhookIntake;
import dev.bazaar.shared.web.WebhookSignature;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The Payment System's events. The body is taken raw: the signature covers its exact bytes. */
@RestController
class PaymentWebhookController {

    private final WebhookIntake intake;

    PaymentWebhookController(WebhookIntake intake) {
        this.intake = intake;
    }

    @PostMapping(path = "/api/payments/webhooks/{provider}")
    ResponseEntity<Void> receive(@PathVariable String provider, @RequestBody String body,
                                 @RequestHeader(value = WebhookSignature.HEADER, required = false) String signature) {
        intake.receive(provider, body, signature);
        return ResponseEntity.ok().build();
    }
}
