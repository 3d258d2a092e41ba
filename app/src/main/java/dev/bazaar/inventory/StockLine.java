package dev.bazaar.inventory;

import dev.bazaar.shared.ids.Sku;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A positive quantity of one SKU. */
public record StockLine(Sku sku, int quantity) {

    public StockLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }

    /** Adds up lines of the same SKU, sorted by SKU: the order in which stock rows are locked, everywhere. */
    static TreeMap<Sku, Integer> merged(List<StockLine> lines) {
        var merged = new TreeMap<Sku, Integer>();
        lines.forEach(line -> merged.merge(line.sku(), line.quantity(), Math::addExact));
        return merged;
    }

    static List<StockLine> of(Map<Sku, Integer> quantities) {
        return quantities.entrySet().stream().map(e -> new StockLine(e.getKey(), e.getValue())).toList();
    }
}
