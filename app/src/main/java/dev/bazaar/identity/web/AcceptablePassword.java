package dev.bazaar.identity.web;

import dev.bazaar.identity.internal.Accounts;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A password the shop can keep: at least 8 characters and at most 72 bytes in UTF-8, all that bcrypt reads of it
 * ({@link Accounts#MAX_PASSWORD_BYTES}); Spring Security refuses to hash a longer one.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AcceptablePassword.Validator.class)
@interface AcceptablePassword {

    String message() default "must be at least 8 characters and at most 72 bytes in UTF-8 (72 plain letters or digits)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<AcceptablePassword, String> {
        @Override
        public boolean isValid(String password, ConstraintValidatorContext context) {
            return password == null || (password.length() >= 8 && Accounts.fitsTheHash(password));
        }
    }
}
