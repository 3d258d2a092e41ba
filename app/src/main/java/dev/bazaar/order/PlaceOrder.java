package dev.bazaar.order;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.ids.UserId;

import java.util.List;

/**
 * The command to place an order, priced by the cart's checkout: prices are the server's, never the client's.
 * {@code total = subtotal + shipping + tax}, where the subtotal is the sum of the lines.
 */
public record PlaceOrder(UserId customerId, List<Line> lines, Money shipping, Money tax, ShippingAddress address,
                         ShippingMethod shippingMethod, String paymentToken) {

    public PlaceOrder {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
    }

    /** One line as priced at checkout. */
    public record Line(Sku sku, ProductId productId, String name, Money unitPrice, int quantity) {
    }
}
