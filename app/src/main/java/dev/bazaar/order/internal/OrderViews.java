package dev.bazaar.order.internal;

import dev.bazaar.fulfillment.ShipmentView;
import dev.bazaar.fulfillment.Shipments;
import dev.bazaar.order.OrderSummary;
import dev.bazaar.order.OrderView;
import dev.bazaar.payment.PaymentView;
import dev.bazaar.payment.Payments;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Builds the API shape of orders: the order's own data plus what payment and fulfilment report about it. */
@Component
public class OrderViews {

    private final Shipments shipments;
    private final Payments payments;

    OrderViews(Shipments shipments, Payments payments) {
        this.shipments = shipments;
        this.payments = payments;
    }

    public OrderView of(Order order) {
        return of(List.of(order)).getFirst();
    }

    /**
     * The view of an order placed in the current transaction: nothing has shipped and its payment is still pending,
     * so there is nothing to ask fulfilment and payment (checkout answers with it on every order).
     */
    public OrderView ofPlaced(Order order) {
        return view(order, List.of(), null);
    }

    /** Views of many orders, with their shipments and payments loaded a query each, not one per order. */
    public List<OrderView> of(List<Order> orders) {
        var ids = orders.stream().map(Order::id).toList();
        Map<OrderId, List<ShipmentView>> shipped = shipments.of(ids);
        Map<OrderId, PaymentView> paid = payments.find(ids);
        return orders.stream().map(order -> view(order, shipped.getOrDefault(order.id(), List.of()), paid.get(order.id())))
                .toList();
    }

    public static OrderSummary summary(Order order) {
        return new OrderSummary(order.id().toString(), order.number(), order.customerId().toString(), items(order),
                order.total());
    }

    private static List<OrderView.Item> items(Order order) {
        return order.lines().stream().map(line -> new OrderView.Item(line.sku().value(), line.productId().toString(),
                line.name(), line.unitPrice(), line.quantity(), line.lineTotal())).toList();
    }

    private List<OrderView.Refund> refunds(Order order, @org.jspecify.annotations.Nullable PaymentView paid) {
        if (paid == null || !paid.refundedAmount().isPositive()) {
            return List.of();
        }
        return payments.refunds(order.id()).stream()
                .map(r -> new OrderView.Refund(r.id().toString(), r.amount(), r.reason(), r.status(), r.createdAt())).toList();
    }

    private static OrderView.Shipment shipment(ShipmentView s) {
        return new OrderView.Shipment(s.id().toString(), s.status().name(), s.carrier(), s.trackingNumber(),
                s.items().stream().map(l -> new OrderView.ShipmentItem(l.sku().value(), l.quantity())).toList(),
                s.shippedAt(), s.deliveredAt());
    }

    private OrderView view(Order order, List<ShipmentView> orderShipments, @org.jspecify.annotations.Nullable PaymentView paid) {
        Money zero = Money.zero(order.total().currency());
        var payment = paid == null ? new OrderView.Payment(PaymentView.Status.PENDING, zero, zero, zero, null)
                : new OrderView.Payment(paid.status(), paid.authorizedAmount(), paid.capturedAmount(), paid.refundedAmount(),
                paid.intentId());
        return new OrderView(order.id().toString(), order.number(), order.status(), order.customerId().toString(),
                items(order), order.subtotal(), order.shipping(), order.tax(), order.total(), order.address(), order.shippingMethod(),
                order.createdAt(), order.reservationExpiresAt(), payment,
                orderShipments.stream().map(OrderViews::shipment).toList(), refunds(order, paid),
                order.timeline().stream().map(e -> new OrderView.TimelineEntry(e.at(), e.status(), e.note())).toList());
    }
}
