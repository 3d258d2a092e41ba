package dev.bazaar.catalog.internal;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;

import java.time.Instant;
import java.util.List;

/**
 * A product and its variants. Archiving takes it out of browsing and sale; its rows stay, because orders and carts
 * refer to its SKUs.
 */
public record Product(ProductId id, String name, String description, String category, List<Variant> variants,
                      boolean archived, Instant createdAt, Instant updatedAt) {

    /** One buyable variant: a SKU with its own title and price. */
    public record Variant(Sku sku, String title, Money price) {
    }

    public Product {
        variants = List.copyOf(variants);
    }

    static Product create(String name, String description, String category, List<Variant> variants, Instant now) {
        return new Product(ProductId.next(), name, description, category, variants, false, now, now);
    }

    Product revise(String name, String description, String category, List<Variant> variants, Instant now) {
        return new Product(id, name, description, category, variants, archived, createdAt, now);
    }

    public List<Sku> skus() {
        return variants.stream().map(Variant::sku).toList();
    }
}
