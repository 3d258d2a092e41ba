package dev.bazaar.cart.internal;

import dev.bazaar.order.OrderPlacement;
import dev.bazaar.order.OrderView;
import dev.bazaar.order.PlaceOrder;
import dev.bazaar.order.ShippingAddress;
import dev.bazaar.order.ShippingMethod;
import dev.bazaar.shared.ids.UserId;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;

/**
 * Turns the customer's cart into an order: prices it (goods from the catalog, shipping and tax from {@link Pricing}),
 * empties the cart and places the order, which reserves the stock, all in one transaction. If any line cannot be
 * reserved the whole transaction rolls back: the cart is kept and nothing is reserved.
 */
@Service
public class Checkout {

    private final Carts carts;
    private final CartContents contents;
    private final Pricing pricing;
    private final OrderPlacement placement;

    Checkout(Carts carts, CartContents contents, Pricing pricing, OrderPlacement placement) {
        this.carts = carts;
        this.contents = contents;
        this.pricing = pricing;
        this.placement = placement;
    }

    /**
     * @throws ProblemException 422 {@code /empty-cart}; 409 {@code /unavailable} for archived products;
     *                          409 {@code /out-of-stock} (from placement) naming the short SKUs; 422
     *                          {@code /order-total-too-large} (from placement) above what the Payment System takes
     */
    @Transactional
    public OrderView checkout(UserId customer, ShippingAddress address, ShippingMethod method, String paymentToken) {
        var read = carts.lock(customer);
        var cart = contents.pricedNow(read);
        if (cart.lines().isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "empty-cart", "Empty cart",
                    "The cart is empty; add items before checking out.");
        }
        var unavailable = cart.lines().stream().filter(line -> line.variant().archived()).map(l -> l.sku().value()).toList();
        if (!unavailable.isEmpty()) {
            throw new ProblemException(HttpStatus.CONFLICT, "unavailable", "Unavailable",
                    "Some products in the cart are no longer sold: " + String.join(", ", unavailable),
                    Map.of("skus", unavailable));
        }
        var quote = pricing.quote(cart.subtotal(), method, address.country());
        var lines = cart.lines().stream().map(line -> new PlaceOrder.Line(line.sku(), line.variant().productId(),
                line.name(), line.variant().price(), line.quantity())).toList();
        carts.takeOut(read);
        return placement.place(new PlaceOrder(customer, lines, quote.shipping(), quote.tax(), address, method, paymentToken));
    }
}
