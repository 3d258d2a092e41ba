package dev.bazaar.catalog;

import dev.bazaar.shared.ids.ProductId;

import java.time.Instant;

/** A product was created, changed or archived. */
public record ProductChanged(ProductId id, Instant at) {
}
