package dev.bazaar.shared.ids;

import java.util.Objects;

/**
 * A stock-keeping unit: one buyable variant of a product, as the admin named it. SKUs are compared exactly
 * (case-sensitive) and sorted by their text wherever rows are locked, so that concurrent orders lock in one order.
 */
public record Sku(String value) implements Comparable<Sku> {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    public Sku {
        Objects.requireNonNull(value, "value");
    }

    /** Whether a text could be a SKU at all; one that could not names nothing (a 404 in a path). */
    public static boolean isWellFormed(String text) {
        return text != null && text.matches(PATTERN);
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
