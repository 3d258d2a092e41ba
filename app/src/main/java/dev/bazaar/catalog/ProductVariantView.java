package dev.bazaar.catalog;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;

/** What the cart needs to price a line. {@code archived}: no longer sold (the product, or just this variant). */
public record ProductVariantView(Sku sku, ProductId productId, String productName, String title, Money price,
                                 boolean archived) {
}
