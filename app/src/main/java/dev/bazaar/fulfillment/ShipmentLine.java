package dev.bazaar.fulfillment;

import dev.bazaar.shared.ids.Sku;

/** A quantity of one SKU in a shipment. */
public record ShipmentLine(Sku sku, int quantity) {

    public ShipmentLine {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }
}
