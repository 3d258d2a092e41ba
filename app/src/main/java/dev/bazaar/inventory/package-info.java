/**
 * Stock per SKU ({@code onHand}, {@code reserved}, {@code allocated}), reservations for orders, and the ledger of every
 * movement. The one invariant it guards under any concurrency: {@code available = onHand - reserved - allocated >= 0},
 * and the ledger's deltas add up to {@code onHand}.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "identity"})
@NullMarked
package dev.bazaar.inventory;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
