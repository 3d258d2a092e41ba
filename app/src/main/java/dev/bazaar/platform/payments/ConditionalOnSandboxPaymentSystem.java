package dev.bazaar.platform.payments;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean of the built-in sandbox Payment System: made only when {@link PaymentSystem} is {@code sandbox}, so with
 * {@code external} or {@code off} its API ({@code /psp/**}) is not served and it sends no webhooks.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnSandboxPaymentSystem.OnSandbox.class)
public @interface ConditionalOnSandboxPaymentSystem {

    /** Lenient: a wrong configuration registers nothing here, and the guard then refuses to start with its one line. */
    class OnSandbox implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return PaymentSystem.ifValid(context.getEnvironment()).map(PaymentSystem::sandbox).orElse(false);
        }
    }
}
