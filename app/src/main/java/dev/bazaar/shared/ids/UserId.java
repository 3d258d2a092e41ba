package dev.bazaar.shared.ids;

import java.util.Objects;
import java.util.UUID;

/** Identifies a user of any role; a customer's id is their user id. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId next() {
        return new UserId(TimeOrderedIds.next());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
