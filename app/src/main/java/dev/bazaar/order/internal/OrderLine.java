package dev.bazaar.order.internal;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;

/** One line of an order, priced when the order was placed and never repriced. */
public record OrderLine(int lineNumber, Sku sku, ProductId productId, String name, Money unitPrice, int quantity) {

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
