package dev.bazaar.fulfillment;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ShipmentId;

import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** A shipment arrived; {@code allDelivered} when it was the order's last one on its way. */
@Externalized("bazaar.shipments::#{orderId()}")
public record ShipmentDelivered(OrderId orderId, ShipmentId shipmentId, boolean allDelivered, Instant at) {
}
