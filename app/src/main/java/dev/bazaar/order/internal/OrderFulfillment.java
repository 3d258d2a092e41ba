package dev.bazaar.order.internal;

import dev.bazaar.fulfillment.ShipmentLine;
import dev.bazaar.fulfillment.ShipmentView;
import dev.bazaar.fulfillment.Shipments;
import dev.bazaar.inventory.StockLine;
import dev.bazaar.inventory.StockReservations;
import dev.bazaar.order.OrderStatus;
import dev.bazaar.payment.Payments;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ShipmentId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Staff ship and deliver orders. The order row is locked first, as cancelling does, so a shipment and a
 * cancellation of the same order are serialised and never both happen. Shipping takes the goods off the shelf and
 * moves the order in the same transaction.
 */
@Service
public class OrderFulfillment {

    private final Orders orders;
    private final Shipments shipments;
    private final StockReservations stock;
    private final Payments payments;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrderFulfillment(Orders orders, Shipments shipments, StockReservations stock, Payments payments,
                     ApplicationEventPublisher events, Clock clock) {
        this.orders = orders;
        this.shipments = shipments;
        this.stock = stock;
        this.payments = payments;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Ships the given lines, or everything left when {@code lines} is null or empty.
     *
     * @throws ProblemException 404 unknown order; 409 when the order is not confirmed or partially shipped, or a line
     *                          asks for more than is left to ship
     */
    @Transactional
    public ShipmentView ship(OrderId id, @Nullable List<ShipmentLine> lines, String carrier, String trackingNumber,
                             String actor) {
        var order = orders.lock(id).orElseThrow(() -> ProblemException.notFound("Order " + id));
        if (order.status() != OrderStatus.CONFIRMED && order.status() != OrderStatus.PARTIALLY_SHIPPED) {
            throw ProblemException.conflict("not-shippable", "Order cannot ship",
                    "An order that is " + order.status() + " cannot ship; it must be CONFIRMED or PARTIALLY_SHIPPED.");
        }
        Map<Sku, Integer> left = leftToShip(order);
        Map<Sku, Integer> shipping = lines == null || lines.isEmpty() ? left : merged(lines);
        shipping.forEach((sku, quantity) -> {
            if (quantity > left.getOrDefault(sku, 0)) {
                throw ProblemException.conflict("exceeds-remaining", "More than is left to ship",
                        "Only " + left.getOrDefault(sku, 0) + " of " + sku + " are left to ship.");
            }
        });
        var shipmentLines = shipping.entrySet().stream().map(e -> new ShipmentLine(e.getKey(), e.getValue())).toList();
        var shipment = shipments.ship(id, shipmentLines, carrier, trackingNumber, actor);
        stock.ship(id, shipment.id(),
                shipmentLines.stream().map(l -> new StockLine(l.sku(), l.quantity())).toList());
        boolean everything = shipping.entrySet().stream().allMatch(e -> e.getValue().equals(left.get(e.getKey())))
                && shipping.keySet().containsAll(left.keySet());
        payments.capture(id, captureFor(order, shipping, everything), "shipment:" + shipment.id());
        events.publishEvent(order.ship(shipment.id(), carrier, trackingNumber, everything, clock.instant()));
        orders.save(order);
        return shipment;
    }

    /** Marks a shipment delivered; the order is delivered once all of it has shipped and arrived. */
    @Transactional
    public ShipmentView deliver(ShipmentId id) {
        var known = shipments.find(id).orElseThrow(() -> ProblemException.notFound("Shipment " + id));
        var order = orders.lock(known.orderId()).orElseThrow();
        var delivery = shipments.markDelivered(id);
        if (delivery.allDelivered() && order.status() == OrderStatus.SHIPPED) {
            events.publishEvent(order.deliver(clock.instant()));
            orders.save(order);
        }
        return delivery.shipment();
    }

    /**
     * The part of the total a shipment pays for: its share of the goods, in proportion to the subtotal (shipping and
     * tax included), and for the last shipment whatever is left, so that the captures add up to the total exactly.
     */
    private Money captureFor(Order order, Map<Sku, Integer> shipping, boolean last) {
        Money captured = payments.find(order.id()).map(p -> p.capturedAmount()).orElse(Money.zero(order.total().currency()));
        if (last) {
            return order.total().minus(captured);
        }
        Money shippedGoods = order.lines().stream()
                .filter(line -> shipping.containsKey(line.sku()))
                .map(line -> line.unitPrice().times(Math.min(line.quantity(), shipping.get(line.sku()))))
                .reduce(Money::plus).orElseThrow();
        return order.total().times(shippedGoods.amount().divide(order.subtotal().amount(), 10, java.math.RoundingMode.HALF_EVEN));
    }

    private Map<Sku, Integer> leftToShip(Order order) {
        var left = new TreeMap<Sku, Integer>();
        order.lines().forEach(line -> left.merge(line.sku(), line.quantity(), Integer::sum));
        shipments.shippedQuantities(order.id()).forEach((sku, shipped) -> left.merge(sku, -shipped, Integer::sum));
        left.values().removeIf(quantity -> quantity <= 0);
        return left;
    }

    private static Map<Sku, Integer> merged(List<ShipmentLine> lines) {
        var merged = new TreeMap<Sku, Integer>();
        lines.forEach(line -> merged.merge(line.sku(), line.quantity(), Integer::sum));
        return merged;
    }
}
