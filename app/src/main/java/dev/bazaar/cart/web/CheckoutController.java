package dev.bazaar.cart.web;

import dev.bazaar.cart.internal.Checkout;
import dev.bazaar.identity.CurrentUser;
import dev.bazaar.order.ShippingAddress;
import dev.bazaar.order.ShippingMethod;
import dev.bazaar.platform.idempotency.Idempotency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Checkout: the cart becomes an order in {@code PENDING_PAYMENT}, at most once per Idempotency-Key. */
@RestController
class CheckoutController {

    private final Checkout checkout;
    private final Idempotency idempotency;

    CheckoutController(Checkout checkout, Idempotency idempotency) {
        this.checkout = checkout;
        this.idempotency = idempotency;
    }

    record CheckoutRequest(@NotNull @Valid ShippingAddress shippingAddress,
                           @NotNull ShippingMethod shippingMethod,
                           @NotBlank @Size(max = 255) String paymentToken) {
    }

    @PostMapping("/api/checkout")
    ResponseEntity<?> checkout(@RequestHeader("Idempotency-Key") String key, @Valid @RequestBody CheckoutRequest request,
                               CurrentUser caller) {
        return idempotency.once(caller.id().value(), key, "checkout", request, () -> {
            var order = checkout.checkout(caller.id(), request.shippingAddress(), request.shippingMethod(),
                    request.paymentToken());
            return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
        });
    }
}
