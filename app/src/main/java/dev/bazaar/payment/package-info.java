/**
 * Payments: authorising an order's total with a payment token through a Payment System (the gateway port and its
 * adapters), webhook intake, captures when goods ship, voids and refunds. It knows orders only by id; the order
 * module calls {@link dev.bazaar.payment.Payments} and hears the payment events.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "identity"})
@NullMarked
package dev.bazaar.payment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
