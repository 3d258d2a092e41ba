package dev.bazaar.cart.internal;

import dev.bazaar.catalog.ProductCatalog;
import dev.bazaar.catalog.ProductVariantView;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.ids.UserId;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The customer's cart as they see it: lines priced from the catalog as it is listed (checkout prices them again from
 * the catalog as committed). Cart operations never check stock; stock is checked, and reserved, only at checkout.
 * <p>
 * No operation here needs a transaction: each changes the cart with one statement (two for a customer's very first
 * line, the cart row and then the line, each harmless alone), and the cart it answers with is read after that
 * statement has committed. Without one, an add is three statements instead of five (no {@code BEGIN}, no
 * {@code COMMIT}); checkout, which must see and empty the cart atomically, locks it in its own transaction.
 */
@Service
public class CartContents {

    private final Carts carts;
    private final ProductCatalog catalog;

    CartContents(Carts carts, ProductCatalog catalog) {
        this.carts = carts;
        this.catalog = catalog;
    }

    /** A priced cart: lines whose product still exists, in the order they were added. */
    public record PricedCart(UUID id, List<PricedLine> lines, Money subtotal) {
    }

    /** One priced line; {@code available} is false once the product was archived (checkout will refuse it). */
    public record PricedLine(Sku sku, ProductVariantView variant, int quantity) {

        public String name() {
            return variant.title().isBlank() ? variant.productName() : variant.productName() + " – " + variant.title();
        }

        public Money lineTotal() {
            return variant.price().times(quantity);
        }
    }

    public PricedCart of(UserId customer) {
        return priced(carts.of(customer), catalog::listedVariants);
    }

    /**
     * @throws ProblemException 404 for an unknown SKU, 409 {@code /unavailable} for an archived product, 400 when the
     *                          line would exceed 1,000, 409 {@code /cart-full} for a new line in a full cart
     */
    public PricedCart add(UserId customer, Sku sku, int quantity) {
        requireBuyable(sku);
        var contents = carts.add(customer, sku, quantity).orElseThrow(() -> carts.holds(customer, sku)
                ? ProblemException.badRequest("quantity-limit", "A cart line holds at most " + Carts.MAX_QUANTITY + " units.")
                : cartFull());
        return priced(contents, catalog::listedVariants);
    }

    /**
     * Sets a line's quantity (0 removes it).
     *
     * @throws ProblemException 409 {@code /cart-full} for a new line in a full cart
     */
    public PricedCart set(UserId customer, Sku sku, int quantity) {
        if (quantity == 0) {
            requireKnown(sku);
            carts.remove(customer, sku);
        } else {
            requireBuyable(sku);
            if (!carts.set(customer, sku, quantity)) {
                throw cartFull();
            }
        }
        return of(customer);
    }

    private static ProblemException cartFull() {
        return new ProblemException(HttpStatus.CONFLICT, "cart-full", "Cart full",
                "A cart holds at most " + Carts.MAX_LINES + " different items; remove one or check out first.",
                Map.of("maxLines", Carts.MAX_LINES));
    }

    public PricedCart remove(UserId customer, Sku sku) {
        requireKnown(sku);
        carts.remove(customer, sku);
        return of(customer);
    }

    /** The cart priced as committed now: what checkout charges. */
    PricedCart pricedNow(Carts.Contents contents) {
        return priced(contents, catalog::variants);
    }

    private static PricedCart priced(Carts.Contents contents, Function<Collection<Sku>, Map<Sku, ProductVariantView>> catalog) {
        Map<Sku, ProductVariantView> variants = catalog.apply(contents.lines().keySet());
        var lines = contents.lines().entrySet().stream()
                .filter(line -> variants.containsKey(line.getKey()))
                .map(line -> new PricedLine(line.getKey(), variants.get(line.getKey()), line.getValue()))
                .toList();
        Money subtotal = lines.stream().map(PricedLine::lineTotal).reduce(Money::plus).orElse(Money.zero(Money.EUR));
        return new PricedCart(contents.id(), lines, subtotal);
    }

    private ProductVariantView requireKnown(Sku sku) {
        var variant = catalog.listedVariants(List.of(sku)).get(sku);
        if (variant == null) {
            throw ProblemException.notFound("SKU " + sku);
        }
        return variant;
    }

    private void requireBuyable(Sku sku) {
        if (requireKnown(sku).archived()) {
            throw new ProblemException(HttpStatus.CONFLICT, "unavailable", "Unavailable",
                    "The product of " + sku + " is no longer sold.", Map.of("skus", List.of(sku.value())));
        }
    }
}
