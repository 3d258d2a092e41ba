package dev.bazaar.inventory.internal;

/**
 * Where an order's hold on one SKU is. The transition table below is the whole state machine: {@link Reservations}
 * moves a hold only along it, and every move is an UPDATE conditional on the status it leaves, so when two moves race
 * the database lets one of them happen. The names are what {@code inventory.reservations.status} stores (its check
 * constraint lists the same three).
 */
public enum ReservationStatus {
    /** Held at checkout until the order is paid or the hold is released; counts in the SKU's {@code reserved}. */
    RESERVED,
    /** The order is paid; what has not shipped yet counts in the SKU's {@code allocated}. */
    ALLOCATED,
    /** Given back (expired, cancelled, or the unshipped rest of a cancelled order); holds nothing. Final. */
    RELEASED;

    public boolean canTransitionTo(ReservationStatus next) {
        return switch (this) {
            case RESERVED -> next == ALLOCATED || next == RELEASED;
            case ALLOCATED -> next == RELEASED;
            case RELEASED -> false;
        };
    }

    /** Nothing can happen to the hold any more. */
    public boolean isFinal() {
        return this == RELEASED;
    }

    /** Refuses a move the table does not allow: a caller asking for one is a bug, not a request to turn down. */
    void requireTransitionTo(ReservationStatus next) {
        if (!canTransitionTo(next)) {
            throw new IllegalStateException("a reservation that is " + this + " cannot become " + next);
        }
    }
}
