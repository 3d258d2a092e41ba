package dev.bazaar.payment.web;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.payment.Payments;
import dev.bazaar.payment.RefundStatus;
import dev.bazaar.payment.RefundView;
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

import java.time.Instant;

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

    /** The refund as recorded; ids as text, as everywhere in the API. */
    record RefundResponse(String id, String orderId, Money amount, String reason, RefundStatus status, Instant createdAt) {

        static RefundResponse of(RefundView refund) {
            return new RefundResponse(refund.id().toString(), refund.orderId().toString(), refund.amount(), refund.reason(),
                    refund.status(), refund.createdAt());
        }
    }

    @PostMapping("/api/admin/orders/{id}/refunds")
    ResponseEntity<?> refund(@PathVariable String id, @RequestHeader("Idempotency-Key") String key,
                             @Valid @RequestBody RefundRequest request, CurrentUser caller) {
        var order = OrderId.parse(id).orElseThrow(() -> ProblemException.notFound("Order " + id));
        return idempotency.once(caller.id().value(), key, "refund:" + id, request, () ->
                ResponseEntity.status(HttpStatus.CREATED).body(RefundResponse.of(payments.refund(order, request.amount(), request.reason()))));
    }
}
