package dev.bazaar.payment.web;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.payment.Payments;
import dev.bazaar.platform.idempotency.Idempotency;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Admins give money back: never more than was captured and not yet refunded; once per Idempotency-Key. */
@RestController
class AdminRefundController {

    private final Payments payments;
    private final Idempotency idempotency;

    AdminRefundController(Payments payments, Idempotency idempotency) {
        this.payments = payments;
        this.idempotency = idempotency;
    }

    record RefundRequest(@NotNull Money amount, @NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/admin/orders/{id}/refunds")
    ResponseEntity<?> refund(@PathVariable String id, @RequestHeader("Idempotency-Key") String key,
                             @Valid @RequestBody RefundRequest request, CurrentUser caller) {
        var order = OrderId.parse(id).orElseThrow(() -> ProblemException.notFound("Order " + id));
        return idempotency.once(caller.id().value(), key, "refund:" + id, request, () ->
                ResponseEntity.status(HttpStatus.CREATED).body(payments.refund(order, request.amount(), request.reason())));
    }
}
