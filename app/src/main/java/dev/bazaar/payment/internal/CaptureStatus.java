package dev.bazaar.payment.internal;

/** Where a capture (one per shipment reference) is: asked for, then done at the provider. */
public enum CaptureStatus {
    /** Recorded; the provider has not confirmed it yet (it may have refused it, then it is parked). */
    PENDING,
    /** The provider captured it. Final. */
    DONE;

    public boolean canTransitionTo(CaptureStatus next) {
        return switch (this) {
            case PENDING -> next == DONE;
            case DONE -> false;
        };
    }
}
