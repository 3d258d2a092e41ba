/**
 * Notifications: every order status change (and every refund, and every low-stock crossing) is told exactly once per
 * channel: an e-mail to the customer (or to staff), an entry in their feed, and a signed webhook event to every admin
 * subscription that asked for its type. Listens to everything; nothing depends on it.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "identity", "order", "inventory", "payment"})
@NullMarked
package dev.bazaar.notification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
