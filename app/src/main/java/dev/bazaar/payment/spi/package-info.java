/** The port a payment provider adapter implements (the sandbox PSP's today; Stripe's PaymentIntents could be next). */
@NamedInterface("spi")
@NullMarked
package dev.bazaar.payment.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
