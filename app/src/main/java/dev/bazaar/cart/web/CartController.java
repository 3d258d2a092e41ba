package dev.bazaar.cart.web;

import dev.bazaar.cart.internal.CartContents;
import dev.bazaar.identity.CurrentUser;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The customer's own cart. */
@RestController
@RequestMapping("/api/cart")
class CartController {

    private final CartContents carts;

    CartController(CartContents carts) {
        this.carts = carts;
    }

    record AddItemRequest(@NotBlank @Size(max = 64) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    record SetQuantityRequest(@NotNull @Min(0) @Max(1000) Integer quantity) {
    }

    record CartResponse(String id, List<Item> items, Money subtotal) {

        record Item(String sku, String productId, String name, Money unitPrice, int quantity, Money lineTotal,
                    boolean available) {
        }

        static CartResponse from(CartContents.PricedCart cart) {
            return new CartResponse(cart.id().toString(), cart.lines().stream().map(line -> new Item(line.sku().value(),
                    line.variant().productId().toString(), line.name(), line.variant().price(), line.quantity(),
                    line.lineTotal(), !line.variant().archived())).toList(), cart.subtotal());
        }
    }

    @GetMapping
    CartResponse cart(CurrentUser caller) {
        return CartResponse.from(carts.of(caller.id()));
    }

    @PostMapping("/items")
    CartResponse add(@Valid @RequestBody AddItemRequest request, CurrentUser caller) {
        return CartResponse.from(carts.add(caller.id(), sku(request.sku()), request.quantity()));
    }

    @PutMapping("/items/{sku}")
    CartResponse set(@PathVariable String sku, @Valid @RequestBody SetQuantityRequest request, CurrentUser caller) {
        return CartResponse.from(carts.set(caller.id(), sku(sku), request.quantity()));
    }

    @DeleteMapping("/items/{sku}")
    CartResponse remove(@PathVariable String sku, CurrentUser caller) {
        return CartResponse.from(carts.remove(caller.id(), sku(sku)));
    }

    private static Sku sku(String text) {
        if (!Sku.isWellFormed(text)) {
            throw ProblemException.notFound("SKU " + (text.length() > 64 ? text.substring(0, 64) + "…" : text));
        }
        return new Sku(text);
    }
}
