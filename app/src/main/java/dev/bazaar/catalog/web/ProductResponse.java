package dev.bazaar.catalog.web;

import dev.bazaar.catalog.internal.Product;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.Sku;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A product as the API shows it; {@code available} is what can be bought now. */
record ProductResponse(String id, String name, String description, String category, List<Variant> variants,
                       Instant createdAt, Instant updatedAt) {

    record Variant(String sku, String title, Money price, int available) {
    }

    static ProductResponse from(Product product, Map<Sku, Integer> available) {
        return new ProductResponse(product.id().toString(), product.name(), product.description(), product.category(),
                product.variants().stream().map(v -> new Variant(v.sku().value(), v.title(), v.price(),
                        Math.max(0, available.getOrDefault(v.sku(), 0)))).toList(),
                product.createdAt(), product.updatedAt());
    }
}
