package dev.bazaar.fulfillment;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ShipmentId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** A shipment: {@code SHIPPED} when it left, {@code DELIVERED} once it arrived. */
public record ShipmentView(ShipmentId id, OrderId orderId, String status, String carrier, String trackingNumber,
                           List<ShipmentLine> items, Instant shippedAt, @Nullable Instant deliveredAt) {

    public boolean delivered() {
        return deliveredAt != null;
    }
}
