package dev.bazaar.shared.ids;

import java.util.Objects;
import java.util.UUID;

/** Identifies an order across modules; the owning module holds the entity, others only this id. */
public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId next() {
        return new OrderId(TimeOrderedIds.next());
    }

    /** Parses an id from a path; a text that is no id names nothing. */
    public static java.util.Optional<OrderId> parse(String text) {
        return TimeOrderedIds.parse(text).map(OrderId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
