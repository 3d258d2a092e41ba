package dev.bazaar.cart.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What checkout charges on top of the goods (prices are net): shipping per method, free standard shipping from a
 * subtotal on, and tax as a rate per destination country (ISO code) with a default for the rest.
 */
@ConfigurationProperties("bazaar.checkout")
public record CheckoutProperties(Shipping shipping, Tax tax) {

    public record Shipping(BigDecimal standard, BigDecimal express, BigDecimal freeStandardAbove) {
    }

    public record Tax(BigDecimal defaultRate, Map<String, BigDecimal> rates) {

        public Tax {
            rates = rates == null ? Map.of() : Map.copyOf(rates);
        }

        BigDecimal rateFor(String country) {
            return rates.getOrDefault(country, defaultRate);
        }
    }
}
