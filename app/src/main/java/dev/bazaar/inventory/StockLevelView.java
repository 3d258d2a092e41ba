package dev.bazaar.inventory;

import dev.bazaar.shared.ids.Sku;

/** A SKU's stock as staff see it: {@code available = onHand - reserved - allocated}, never negative. */
public record StockLevelView(Sku sku, int onHand, int reserved, int allocated, int available, int lowStockThreshold) {

    public boolean isLow() {
        return available <= lowStockThreshold;
    }
}
