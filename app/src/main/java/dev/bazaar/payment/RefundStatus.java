package dev.bazaar.payment;

/** Where a refund is: recorded, then confirmed by the provider. Refund views carry it. */
public enum RefundStatus {
    /** Recorded; the provider has not confirmed it yet (it is retried until it does). */
    PENDING,
    /** The money went back to the customer. Final. */
    SUCCEEDED;

    public boolean canTransitionTo(RefundStatus next) {
        return switch (this) {
            case PENDING -> next == SUCCEEDED;
            case SUCCEEDED -> false;
        };
    }
}
