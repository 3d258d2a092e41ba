package dev.bazaar.shared.ids;

import java.util.Objects;
import java.util.UUID;

/** Identifies a product across modules; the owning module holds the entity, others only this id. */
public record ProductId(UUID value) {

    public ProductId {
        Objects.requireNonNull(value, "value");
    }

    public static ProductId next() {
        return new ProductId(TimeOrderedIds.next());
    }

    /** Parses an id from a path; a text that is no id names nothing. */
    public static java.util.Optional<ProductId> parse(String text) {
        return TimeOrderedIds.parse(text).map(ProductId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
