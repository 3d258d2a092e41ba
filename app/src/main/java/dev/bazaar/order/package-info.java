/**
 * Orders: placement (with the stock reservation, in one transaction), the order state machine, its timeline, and
 * the saga that follows payment, stock and fulfilment. The orchestrator: it calls the APIs of inventory, payment and
 * fulfilment and hears their events; they know nothing of orders.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "identity", "inventory", "fulfillment", "payment"})
@NullMarked
package dev.bazaar.order;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
