package dev.bazaar.shared.ids;

import java.util.Objects;
import java.util.UUID;

/** Identifies a shipment across modules; the owning module holds the entity, others only this id. */
public record ShipmentId(UUID value) {

    public ShipmentId {
        Objects.requireNonNull(value, "value");
    }

    public static ShipmentId next() {
        return new ShipmentId(TimeOrderedIds.next());
    }

    /** Parses an id from a path; a text that is no id names nothing. */
    public static java.util.Optional<ShipmentId> parse(String text) {
        return TimeOrderedIds.parse(text).map(ShipmentId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
