package dev.bazaar.shared.ids;

import java.util.Objects;
import java.util.UUID;

/** Identifies a payment across modules; the owning module holds the entity, others only this id. */
public record PaymentId(UUID value) {

    public PaymentId {
        Objects.requireNonNull(value, "value");
    }

    public static PaymentId next() {
        return new PaymentId(TimeOrderedIds.next());
    }

    /** Parses an id from a path; a text that is no id names nothing. */
    public static java.util.Optional<PaymentId> parse(String text) {
        return TimeOrderedIds.parse(text).map(PaymentId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
