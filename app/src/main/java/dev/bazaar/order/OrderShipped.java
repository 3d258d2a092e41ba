package dev.bazaar.order;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ShipmentId;
import dev.bazaar.shared.ids.UserId;

import org.springframework.modulith.events.Externalized;

import java.time.Instant;

/** A shipment left: {@code status} is {@code SHIPPED} once everything has, else {@code PARTIALLY_SHIPPED}. */
@Externalized("bazaar.orders::#{orderId()}")
public record OrderShipped(OrderId orderId, UserId customerId, ShipmentId shipmentId, String carrier,
                           String trackingNumber, OrderStatus status, int sequence, Instant at) implements OrderEvent {
}
