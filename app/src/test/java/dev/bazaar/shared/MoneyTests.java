package dev.bazaar.shared;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTests {

    @Test
    void amountsCarryExactlyTheCurrencysDigits() {
        assertThat(Money.euros("19.9")).isEqualTo(Money.euros("19.90"));
        assertThat(Money.euros("19.9").amount().toPlainString()).isEqualTo("19.90");
        assertThatThrownBy(() -> Money.euros("19.999")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arithmeticIsExact() {
        assertThat(Money.euros("0.10").plus(Money.euros("0.20"))).isEqualTo(Money.euros("0.30"));
        assertThat(Money.euros("19.99").times(3)).isEqualTo(Money.euros("59.97"));
        assertThat(Money.euros("10.00").minorUnits()).isEqualTo(1000);
        assertThat(Money.ofMinor(1999, Money.EUR)).isEqualTo(Money.euros("19.99"));
    }

    @Test
    void currenciesDoNotMix() {
        assertThatThrownBy(() -> Money.euros("1.00").plus(Money.of("1.00", "USD"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonShapeIsAmountStringAndCurrency() {
        var json = JsonMapper.builder().build();
        assertThat(json.writeValueAsString(Money.euros("1900"))).isEqualTo("{\"amount\":\"1900.00\",\"currency\":\"EUR\"}");
        assertThat(json.readValue("{\"amount\":\"19.99\",\"currency\":\"EUR\"}", Money.class)).isEqualTo(Money.euros("19.99"));
        assertThat(json.readValue("{\"amount\":19.99,\"currency\":\"EUR\"}", Money.class).amount()).isEqualByComparingTo(new BigDecimal("19.99"));
    }
}
