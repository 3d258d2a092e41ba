package dev.bazaar.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount of money in one currency. The amount always carries exactly the currency's minor digits
 * ({@code 19.99} EUR, never {@code 19.9} or {@code 19.990}), so equal amounts are {@code equals} and serialise alike:
 * {@code {"amount": "19.99", "currency": "EUR"}}.
 */
@Schema(description = "An exact amount: a decimal string with the currency's minor digits, and an ISO-4217 code",
        example = "{\"amount\": \"19.99\", \"currency\": \"EUR\"}")
public record Money(BigDecimal amount, Currency currency) {

    public static final Currency EUR = Currency.getInstance("EUR");

    /** @throws IllegalArgumentException if the amount has more digits than the currency allows */
    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        try {
            amount = amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(amount + " has more decimals than " + currency + " allows");
        }
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currency));
    }

    public static Money euros(String amount) {
        return new Money(new BigDecimal(amount), EUR);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /**
     * Plain decimal notation with at most 15 digits before the point (more than any price or refund) and 10 after:
     * {@code BigDecimal} reads {@code 1e100000000} too, and giving that two decimals would spell out its hundred million
     * digits.
     */
    private static final Pattern API_AMOUNT = Pattern.compile("[+-]?\\d{1,15}(\\.\\d{1,10})?");

    /** Reads the API shape; an unknown currency, too many decimals or an amount not in plain notation is a bad request. */
    @JsonCreator
    static Money fromJson(@JsonProperty("amount") String amount, @JsonProperty("currency") String currency) {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException("money needs an amount and a currency");
        }
        if (!API_AMOUNT.matcher(amount).matches()) {
            throw new IllegalArgumentException("an amount is a plain decimal such as 19.99");
        }
        return of(amount, currency);
    }

    @JsonValue
    Map<String, String> toJson() {
        var json = new LinkedHashMap<String, String>();
        json.put("amount", amount.toPlainString());
        json.put("currency", currency.getCurrencyCode());
        return json;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    /** Multiplies by a rate, rounding half-even to the currency's minor unit (the banker's rounding used for tax). */
    public Money times(BigDecimal rate) {
        return new Money(amount.multiply(rate).setScale(currency.getDefaultFractionDigits(), RoundingMode.HALF_EVEN), currency);
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isGreaterThan(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount) > 0;
    }

    /** The amount in minor units (cents), as payment providers count it. */
    public long minorUnits() {
        return amount.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
    }

    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()), currency);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
