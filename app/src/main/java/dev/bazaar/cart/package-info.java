/**
 * Carts and checkout: one cart per customer, priced from the catalog at read time; checkout prices shipping and tax
 * and places the order (which reserves the stock) in one transaction with emptying the cart.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "identity", "catalog", "order", "inventory"})
@NullMarked
package dev.bazaar.cart;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
