package dev.bazaar.inventory;

import dev.bazaar.shared.ids.Sku;

import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** A SKU's available stock fell to or below its threshold; published once per crossing, not on every sale. */
@Externalized("bazaar.inventory::#{sku()}")
public record StockLow(Sku sku, int available, int threshold, Instant at) {
}
