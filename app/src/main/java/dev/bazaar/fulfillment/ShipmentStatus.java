package dev.bazaar.fulfillment;

/**
 * Where a shipment is. The transition table below is the whole state machine; the names are what
 * {@code fulfillment.shipments.status} stores, and the move to {@code DELIVERED} is an UPDATE conditional on
 * {@code SHIPPED}, so a delivery reported twice at once is recorded once.
 */
public enum ShipmentStatus {
    /** It left the warehouse with its carrier. */
    SHIPPED,
    /** It arrived. Final. */
    DELIVERED;

    public boolean canTransitionTo(ShipmentStatus next) {
        return switch (this) {
            case SHIPPED -> next == DELIVERED;
            case DELIVERED -> false;
        };
    }

    /** Refuses a move the table does not allow: a caller asking for one is a bug, not a request to turn down. */
    public void requireTransitionTo(ShipmentStatus next) {
        if (!canTransitionTo(next)) {
            throw new IllegalStateException("a shipment that is " + this + " cannot become " + next);
        }
    }

    /** Nothing can happen to the shipment any more. */
    public boolean isFinal() {
        return this == DELIVERED;
    }
}
