package dev.bazaar.payment.internal;

import java.util.UUID;

/** Work for the provider, published in the transaction that decided it and done after commit (the outbox). */
public final class PaymentRequests {

    private PaymentRequests() {
    }

    public record AuthorizationRequested(UUID paymentId) {
    }

    public record CaptureRequested(String reference) {
    }

    public record VoidRequested(UUID paymentId) {
    }

    public record RefundRequested(UUID refundId) {
    }
}
