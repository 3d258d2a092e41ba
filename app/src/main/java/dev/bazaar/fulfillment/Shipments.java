package dev.bazaar.fulfillment;

import dev.bazaar.fulfillment.internal.ShipmentRecords;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ShipmentId;
import dev.bazaar.shared.ids.Sku;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records shipments and deliveries. Writing methods run in the caller's transaction: the order module checks what
 * may ship (with the order locked) and records the shipment in the same transaction as the order's own move.
 */
@Service
public class Shipments {

    private final ShipmentRecords records;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Shipments(ShipmentRecords records, ApplicationEventPublisher events, Clock clock) {
        this.records = records;
        this.events = events;
        this.clock = clock;
    }

    /** Records that these lines left for the order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public ShipmentView ship(OrderId order, List<ShipmentLine> lines, String carrier, String trackingNumber, String actor) {
        var shipment = new ShipmentView(ShipmentId.next(), order, ShipmentStatus.SHIPPED, carrier, trackingNumber, List.copyOf(lines),
                clock.instant(), null);
        records.add(shipment, actor);
        events.publishEvent(new ShipmentShipped(order, shipment.id(), shipment.items(), carrier, trackingNumber,
                shipment.shippedAt()));
        return shipment;
    }

    /** What marking a shipment delivered did. */
    public record Delivery(ShipmentView shipment, boolean newlyDelivered, boolean allDelivered) {
    }

    /** Marks the shipment delivered; idempotent (a second call changes nothing and says so). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Delivery markDelivered(ShipmentId id) {
        boolean newly = records.markDelivered(id, clock.instant());
        var shipment = records.find(id).orElseThrow();
        boolean all = records.of(List.of(shipment.orderId())).getOrDefault(shipment.orderId(), List.of()).stream()
                .allMatch(ShipmentView::delivered);
        if (newly) {
            events.publishEvent(new ShipmentDelivered(shipment.orderId(), id, all, clock.instant()));
        }
        return new Delivery(shipment, newly, all);
    }

    public Optional<ShipmentView> find(ShipmentId id) {
        return records.find(id);
    }

    public List<ShipmentView> of(OrderId order) {
        return records.of(List.of(order)).getOrDefault(order, List.of());
    }

    /** The shipments of many orders in one query (for pages of orders). */
    public Map<OrderId, List<ShipmentView>> of(Collection<OrderId> orders) {
        return orders.isEmpty() ? Map.of() : records.of(orders);
    }

    /** How much of each SKU has shipped for the order so far. */
    public Map<Sku, Integer> shippedQuantities(OrderId order) {
        var shipped = new java.util.TreeMap<Sku, Integer>();
        of(order).forEach(s -> s.items().forEach(line -> shipped.merge(line.sku(), line.quantity(), Integer::sum)));
        return shipped;
    }
}
