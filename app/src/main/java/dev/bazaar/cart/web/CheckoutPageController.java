package dev.bazaar.cart.web;

import dev.bazaar.cart.internal.CartContents;
import dev.bazaar.cart.internal.Checkout;
import dev.bazaar.cart.internal.Pricing;
import dev.bazaar.identity.CurrentUser;
import dev.bazaar.order.ShippingAddress;
import dev.bazaar.order.ShippingMethod;
import dev.bazaar.platform.idempotency.Idempotency;
import dev.bazaar.platform.web.FormErrors;
import dev.bazaar.platform.web.WebPage;
import dev.bazaar.shared.web.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One-page checkout: the same checkout as {@code POST /api/checkout}, at most once per idempotency key. The key is
 * made when the form is shown and sent back hidden, so a second submit of the same form (a double click, a reload)
 * finds the order the first one placed instead of placing another.
 */
@WebPage
class CheckoutPageController {

    private final CartContents carts;
    private final Checkout checkout;
    private final Pricing pricing;
    private final Idempotency idempotency;

    CheckoutPageController(CartContents carts, Checkout checkout, Pricing pricing, Idempotency idempotency) {
        this.carts = carts;
        this.checkout = checkout;
        this.pricing = pricing;
        this.idempotency = idempotency;
    }

    record CheckoutForm(@NotNull @Valid @Nullable ShippingAddress shippingAddress,
                        @NotNull @Nullable ShippingMethod shippingMethod,
                        @NotBlank @Size(max = 255) @Nullable String paymentToken,
                        @NotBlank @Size(max = 255) @Nullable String idempotencyKey) {
    }

    @GetMapping("/checkout")
    String form(CurrentUser caller, Model model) {
        var blank = new ShippingAddress("", "", "", "", "", "DE");
        return page(caller, new CheckoutForm(blank, ShippingMethod.STANDARD, "tok_visa", UUID.randomUUID().toString()),
                model);
    }

    @PostMapping("/checkout")
    String place(@Valid @ModelAttribute("form") CheckoutForm form, BindingResult binding, CurrentUser caller,
                 Model model, HttpServletResponse response) {
        if (FormErrors.shown(binding, model)) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(caller, form, model);
        }
        var request = new CheckoutController.CheckoutRequest(form.shippingAddress(), form.shippingMethod(),
                form.paymentToken());
        try {
            // the API's operation and body: a key means one checkout, whichever door it came through
            ResponseEntity<?> placed = idempotency.once(caller.id().value(), form.idempotencyKey(), "checkout", request, () -> {
                var order = checkout.checkout(caller.id(), request.shippingAddress(), request.shippingMethod(),
                        request.paymentToken());
                return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
            });
            URI location = Objects.requireNonNull(placed.getHeaders().getLocation());
            return "redirect:/orders/" + location.getPath().substring(location.getPath().lastIndexOf('/') + 1);
        } catch (ProblemException refused) {
            response.setStatus(refused.status().value());
            model.addAttribute("refusal", refused.getMessage());
            return page(caller, form, model);
        }
    }

    private String page(CurrentUser caller, CheckoutForm form, Model model) {
        var cart = carts.of(caller.id());
        model.addAttribute("form", form);
        model.addAttribute("cart", cart);
        String country = form.shippingAddress() != null && form.shippingAddress().country() != null
                && form.shippingAddress().country().length() == 2 ? form.shippingAddress().country() : "DE";
        var quotes = new LinkedHashMap<ShippingMethod, Pricing.Quote>();
        Arrays.stream(ShippingMethod.values()).forEach(method -> quotes.put(method,
                pricing.quote(cart.subtotal(), method, country)));
        model.addAttribute("quotes", quotes);
        model.addAttribute("country", country);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "cart/checkout";
    }
}
