package dev.bazaar.payment.internal;

import dev.bazaar.BazaarIntegrationTest;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The shop of {@link BazaarIntegrationTest} (one context for every class so annotated) whose jobs retrying refused
 * captures and stalled refunds run only when a test calls them, and which parks work after its second failed attempt.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@BazaarIntegrationTest
@TestPropertySource(properties = {
        "bazaar.retries.max-attempts=2",
        "bazaar.payment.refused-capture-interval=1h",
        "bazaar.payment.stalled-refund-interval=1h"})
@interface PaymentRetriesRunByTests {
}
