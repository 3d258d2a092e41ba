package dev.bazaar.shared.ids;

import java.util.Objects;
import java.util.UUID;

/** Identifies a refund across modules; the payment module holds the refund, others only this id. */
public record RefundId(UUID value) {

    public RefundId {
        Objects.requireNonNull(value, "value");
    }

    public static RefundId next() {
        return new RefundId(TimeOrderedIds.next());
    }

    /** Parses an id from a path; a text that is no id names nothing. */
    public static java.util.Optional<RefundId> parse(String text) {
        return TimeOrderedIds.parse(text).map(RefundId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
