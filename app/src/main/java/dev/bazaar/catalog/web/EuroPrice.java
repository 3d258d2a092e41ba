package dev.bazaar.catalog.web;

import dev.bazaar.shared.Money;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

/** A price the shop can sell at: in EUR (its one currency), above zero and at most 1,000,000. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EuroPrice.Validator.class)
@interface EuroPrice {

    String message() default "must be an amount in EUR above 0.00 and at most 1000000.00";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<EuroPrice, Money> {
        private static final BigDecimal MAX = new BigDecimal("1000000");

        @Override
        public boolean isValid(Money price, ConstraintValidatorContext context) {
            return price == null || (price.currency().equals(Money.EUR) && price.isPositive()
                    && price.amount().compareTo(MAX) <= 0);
        }
    }
}
