package dev.bazaar.order.internal;

import dev.bazaar.order.OrderView;
import dev.bazaar.shared.Money;
import org.springframework.stereotype.Component;

import java.util.List;

/** Builds the API shape of orders: the order's own data plus what payment and fulfilment report about it. */
@Component
public class OrderViews {

    public OrderView of(Order order) {
        return of(List.of(order)).getFirst();
    }

    public List<OrderView> of(List<Order> orders) {
        return orders.stream().map(order -> view(order)).toList();
    }

    private OrderView view(Order order) {
        Money zero = Money.zero(order.total().currency());
        var payment = new OrderView.Payment("PENDING", zero, zero, zero, null);
        return new OrderView(order.id().toString(), order.number(), order.status(), order.customerId().toString(),
                order.lines().stream().map(line -> new OrderView.Item(line.sku().value(), line.productId().toString(),
                        line.name(), line.unitPrice(), line.quantity(), line.lineTotal())).toList(),
                order.subtotal(), order.shipping(), order.tax(), order.total(), order.address(), order.shippingMethod(),
                order.createdAt(), order.reservationExpiresAt(), payment, List.of(), List.of(),
                order.timeline().stream().map(e -> new OrderView.TimelineEntry(e.at(), e.status(), e.note())).toList());
    }
}
