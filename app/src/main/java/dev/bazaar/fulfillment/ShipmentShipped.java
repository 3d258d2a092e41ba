package dev.bazaar.fulfillment;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ShipmentId;

import org.springframework.modulith.events.Externalized;

import java.time.Instant;
import java.util.List;

/** A shipment left the warehouse. */
@Externalized("bazaar.shipments::#{orderId()}")
public record ShipmentShipped(OrderId orderId, ShipmentId shipmentId, List<ShipmentLine> items, String carrier,
                              String trackingNumber, Instant at) {
}
