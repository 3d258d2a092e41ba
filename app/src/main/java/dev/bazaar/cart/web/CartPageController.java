package dev.bazaar.cart.web;

import dev.bazaar.cart.internal.CartContents;
import dev.bazaar.identity.CurrentUser;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.platform.web.WebPage;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/**
 * The customer's cart page: the same cart operations as {@code /api/cart}. Each change redirects back to the cart
 * (post, redirect, get), with what the cart refused said on it.
 */
@WebPage
class CartPageController {

    private final CartContents carts;
    private final InventoryQueries inventory;

    CartPageController(CartContents carts, InventoryQueries inventory) {
        this.carts = carts;
        this.inventory = inventory;
    }

    /**
     * A line as the page shows it, with what would stop its checkout: the product is no longer sold, or fewer are in
     * stock than the line asks for (stock is reserved only at checkout, so the figure may still change).
     */
    record Line(String sku, String productId, String name, Money unitPrice, int quantity, Money lineTotal,
                boolean archived, int available) {

        public @Nullable String warning() {
            if (archived) {
                return "No longer sold: remove it to check out.";
            }
            if (available < quantity) {
                return available <= 0 ? "Out of stock at the moment." : "Only " + available + " available now.";
            }
            return null;
        }
    }

    @GetMapping("/cart")
    String cart(CurrentUser caller, Model model) {
        var cart = carts.of(caller.id());
        var available = inventory.available(cart.lines().stream().map(CartContents.PricedLine::sku).toList());
        List<Line> lines = cart.lines().stream().map(line -> new Line(line.sku().value(),
                line.variant().productId().toString(), line.name(), line.variant().price(), line.quantity(),
                line.lineTotal(), line.variant().archived(), Math.max(0, available.getOrDefault(line.sku(), 0)))).toList();
        model.addAttribute("lines", lines);
        model.addAttribute("subtotal", cart.subtotal());
        model.addAttribute("blocked", lines.stream().anyMatch(Line::archived));
        return "cart/cart";
    }

    @PostMapping("/cart/items")
    String add(@RequestParam String sku, @RequestParam(defaultValue = "1") int quantity, CurrentUser caller,
               RedirectAttributes flash) {
        return change(flash, "Added to your cart.", () -> {
            requireQuantity(quantity, 1);
            carts.add(caller.id(), sku(sku), quantity);
        });
    }

    @PostMapping("/cart/items/{sku}")
    String set(@PathVariable String sku, @RequestParam int quantity, CurrentUser caller, RedirectAttributes flash) {
        return change(flash, quantity == 0 ? "Removed from your cart." : "Quantity changed.", () -> {
            requireQuantity(quantity, 0);
            carts.set(caller.id(), sku(sku), quantity);
        });
    }

    @PostMapping("/cart/items/{sku}/remove")
    String remove(@PathVariable String sku, CurrentUser caller, RedirectAttributes flash) {
        return change(flash, "Removed from your cart.", () -> carts.remove(caller.id(), sku(sku)));
    }

    private static String change(RedirectAttributes flash, String done, Runnable change) {
        try {
            change.run();
            flash.addFlashAttribute("notice", done);
        } catch (ProblemException refused) {
            flash.addFlashAttribute("refusal", refused.getMessage());
        }
        return "redirect:/cart";
    }

    /** The bounds of the API's requests (CartController): a quantity of {@code min} to 1,000. */
    private static void requireQuantity(int quantity, int min) {
        if (quantity < min || quantity > 1000) {
            throw ProblemException.badRequest("quantity", "A quantity must be between " + min + " and 1000.");
        }
    }

    private static Sku sku(String text) {
        if (!Sku.isWellFormed(text)) {
            throw ProblemException.notFound("SKU " + (text.length() > 64 ? text.substring(0, 64) + "…" : text));
        }
        return new Sku(text);
    }
}
