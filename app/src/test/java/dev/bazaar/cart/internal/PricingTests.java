package dev.bazaar.cart.internal;

import dev.bazaar.order.ShippingMethod;
import dev.bazaar.shared.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PricingTests {

    private final Pricing pricing = new Pricing(new CheckoutProperties(
            new CheckoutProperties.Shipping(new BigDecimal("4.90"), new BigDecimal("9.90"), new BigDecimal("50.00")),
            new CheckoutProperties.Tax(new BigDecimal("0.20"), Map.of("DE", new BigDecimal("0.19")))));

    @Test
    void standardShippingIsChargedBelowTheThresholdAndFreeFromIt() {
        assertThat(pricing.quote(Money.euros("49.99"), ShippingMethod.STANDARD, "DE").shipping()).isEqualTo(Money.euros("4.90"));
        assertThat(pricing.quote(Money.euros("50.00"), ShippingMethod.STANDARD, "DE").shipping()).isEqualTo(Money.euros("0.00"));
    }

    @Test
    void expressShippingIsAlwaysCharged() {
        assertThat(pricing.quote(Money.euros("500.00"), ShippingMethod.EXPRESS, "DE").shipping()).isEqualTo(Money.euros("9.90"));
    }

    @Test
    void taxIsTheDestinationsRateOnGoodsAndShippingRoundedToTheCent() {
        // (10.01 + 4.90) * 0.19 = 2.8329 -> 2.83
        assertThat(pricing.quote(Money.euros("10.01"), ShippingMethod.STANDARD, "DE").tax()).isEqualTo(Money.euros("2.83"));
        // unknown country: default 20 %: (10.01 + 4.90) * 0.20 = 2.982 -> 2.98
        assertThat(pricing.quote(Money.euros("10.01"), ShippingMethod.STANDARD, "NO").tax()).isEqualTo(Money.euros("2.98"));
    }

    @Test
    void halfCentsRoundToEven() {
        // 0.065 and 0.075: exact half cents go to the even cent (banker's rounding), so errors do not drift one way
        assertThat(Money.euros("0.13").times(new BigDecimal("0.5"))).isEqualTo(Money.euros("0.06"));
        assertThat(Money.euros("0.15").times(new BigDecimal("0.5"))).isEqualTo(Money.euros("0.08"));
    }
}
