package dev.bazaar.cart.internal;

import dev.bazaar.order.ShippingMethod;
import dev.bazaar.shared.Money;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Prices what checkout adds to the goods: {@code total = subtotal + shipping + tax}. */
@Component
@EnableConfigurationProperties(CheckoutProperties.class)
public class Pricing {

    private final CheckoutProperties properties;

    public Pricing(CheckoutProperties properties) {
        this.properties = properties;
    }

    /** Shipping and tax for a subtotal sent to a country. */
    public record Quote(Money shipping, Money tax) {
    }

    public Quote quote(Money subtotal, ShippingMethod method, String country) {
        Money shipping = shipping(subtotal, method);
        // VAT is due on the delivery too, so the base is goods plus shipping, rounded once
        Money tax = subtotal.plus(shipping).times(properties.tax().rateFor(country));
        return new Quote(shipping, tax);
    }

    private Money shipping(Money subtotal, ShippingMethod method) {
        var shipping = properties.shipping();
        return switch (method) {
            case STANDARD -> subtotal.amount().compareTo(shipping.freeStandardAbove()) >= 0
                    ? Money.zero(subtotal.currency())
                    : new Money(shipping.standard(), subtotal.currency());
            case EXPRESS -> new Money(shipping.express(), subtotal.currency());
        };
    }
}
