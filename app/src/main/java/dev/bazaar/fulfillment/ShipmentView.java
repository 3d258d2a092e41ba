package dev.bazaar.fulfillment;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ShipmentId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** A shipment: {@code SHIPPED} when it left, {@code DELIVERED} (with {@code deliveredAt}) once it arrived. */
public record ShipmentView(ShipmentId id, OrderId orderId, ShipmentStatus status, String carrier, String trackingNumber,
                           List<ShipmentLine> items, Instant shippedAt, @Nullable Instant deliveredAt) {

    public boolean delivered() {
        return status == ShipmentStatus.DELIVERED;
    }
}
