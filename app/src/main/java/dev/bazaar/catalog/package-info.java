/**
 * The catalog: products with their variants (one SKU each, with its own price), categories by slug, full-text search,
 * and the archived state that takes a product out of sale while old orders keep it.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "inventory", "identity"})
@NullMarked
package dev.bazaar.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
