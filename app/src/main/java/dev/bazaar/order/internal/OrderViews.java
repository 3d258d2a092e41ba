package dev.bazaar.order.internal;

import dev.bazaar.fulfillment.ShipmentView;
import dev.bazaar.fulfillment.Shipments;
import dev.bazaar.order.OrderView;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Builds the API shape of orders: the order's own data plus what payment and fulfilment report about it. */
@Component
public class OrderViews {

    private final Shipments shipments;

    OrderViews(Shipments shipments) {
        this.shipments = shipments;
    }

    public OrderView of(Order order) {
        return of(List.of(order)).getFirst();
    }

    /** Views of many orders, with their shipments loaded in one query. */
    public List<OrderView> of(List<Order> orders) {
        Map<OrderId, List<ShipmentView>> shipped = shipments.of(orders.stream().map(Order::id).toList());
        return orders.stream().map(order -> view(order, shipped.getOrDefault(order.id(), List.of()))).toList();
    }

    private static OrderView.Shipment shipment(ShipmentView s) {
        return new OrderView.Shipment(s.id().toString(), s.status(), s.carrier(), s.trackingNumber(),
                s.items().stream().map(l -> new OrderView.ShipmentItem(l.sku().value(), l.quantity())).toList(),
                s.shippedAt(), s.deliveredAt());
    }

    private OrderView view(Order order, List<ShipmentView> orderShipments) {
        Money zero = Money.zero(order.total().currency());
        var payment = new OrderView.Payment("PENDING", zero, zero, zero, null);
        return new OrderView(order.id().toString(), order.number(), order.status(), order.customerId().toString(),
                order.lines().stream().map(line -> new OrderView.Item(line.sku().value(), line.productId().toString(),
                        line.name(), line.unitPrice(), line.quantity(), line.lineTotal())).toList(),
                order.subtotal(), order.shipping(), order.tax(), order.total(), order.address(), order.shippingMethod(),
                order.createdAt(), order.reservationExpiresAt(), payment,
                orderShipments.stream().map(OrderViews::shipment).toList(), List.of(),
                order.timeline().stream().map(e -> new OrderView.TimelineEntry(e.at(), e.status(), e.note())).toList());
    }
}
