package dev.bazaar.order;

/**
 * Where an order is in its journey. The transition table below is the whole state machine; the order refuses any
 * other move.
 */
public enum OrderStatus {
    /** Placed, stock reserved, waiting for the payment's authorisation. */
    PENDING_PAYMENT,
    /** The authorisation failed; the customer may retry while the reservation lives. */
    PAYMENT_FAILED,
    /** Paid (authorised); the stock is allocated and the order waits in the fulfilment queue. */
    CONFIRMED,
    /** Some, not all, of the items have shipped; each further partial shipment stays here. */
    PARTIALLY_SHIPPED,
    /** Everything has shipped. */
    SHIPPED,
    /** Every shipment has arrived. Final. */
    DELIVERED,
    /** Cancelled before anything shipped; stock released, authorisation voided. Final. */
    CANCELLED;

    public boolean canTransitionTo(OrderStatus next) {
        return switch (this) {
            case PENDING_PAYMENT -> next == CONFIRMED || next == PAYMENT_FAILED || next == CANCELLED;
            case PAYMENT_FAILED -> next == PENDING_PAYMENT || next == CANCELLED;
            case CONFIRMED -> next == PARTIALLY_SHIPPED || next == SHIPPED || next == CANCELLED;
            case PARTIALLY_SHIPPED -> next == PARTIALLY_SHIPPED || next == SHIPPED;
            case SHIPPED -> next == DELIVERED;
            case DELIVERED, CANCELLED -> false;
        };
    }

    /** Nothing can happen to the order any more. */
    public boolean isFinal() {
        return this == DELIVERED || this == CANCELLED;
    }

    /** Unpaid orders hold a reservation that expires. */
    public boolean awaitsPayment() {
        return this == PENDING_PAYMENT || this == PAYMENT_FAILED;
    }
}
