package dev.bazaar.fulfillment.internal;

import dev.bazaar.fulfillment.ShipmentLine;
import dev.bazaar.fulfillment.ShipmentStatus;
import dev.bazaar.fulfillment.ShipmentView;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ShipmentId;
import dev.bazaar.shared.ids.Sku;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.bazaar.fulfillment.ShipmentStatus.DELIVERED;
import static dev.bazaar.fulfillment.ShipmentStatus.SHIPPED;

/**
 * Shipments and their lines, in schema {@code fulfillment}. A shipment's status changes only along
 * {@link ShipmentStatus}'s table, by an UPDATE conditional on the status it leaves.
 */
@Repository
public class ShipmentRecords {

    private final JdbcClient jdbc;

    ShipmentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(ShipmentView shipment, String actor) {
        jdbc.sql("""
                        insert into fulfillment.shipments (id, order_id, status, carrier, tracking_number, shipped_at, shipped_by)
                        values (:id, :order, :status, :carrier, :tracking, :at, :actor)""")
                .param("id", shipment.id().value()).param("order", shipment.orderId().value())
                .param("status", shipment.status().name())
                .param("carrier", shipment.carrier()).param("tracking", shipment.trackingNumber())
                .param("at", Timestamp.from(shipment.shippedAt())).param("actor", actor)
                .update();
        jdbc.sql("""
                        insert into fulfillment.shipment_lines (shipment_id, sku, quantity)
                        select :id, l.sku, l.quantity from unnest(:skus::text[], :quantities::int[]) as l (sku, quantity)""")
                .param("id", shipment.id().value())
                .param("skus", shipment.items().stream().map(l -> l.sku().value()).toArray(String[]::new))
                .param("quantities", shipment.items().stream().map(ShipmentLine::quantity).toArray(Integer[]::new))
                .update();
    }

    /** @return false when it was delivered already */
    public boolean markDelivered(ShipmentId id, Instant at) {
        SHIPPED.requireTransitionTo(DELIVERED);
        return jdbc.sql("""
                        update fulfillment.shipments set status = :delivered, delivered_at = :at
                        where id = :id and status = :shipped""")
                .param("id", id.value()).param("at", Timestamp.from(at))
                .param("shipped", SHIPPED.name()).param("delivered", DELIVERED.name())
                .update() == 1;
    }

    public Optional<ShipmentView> find(ShipmentId id) {
        var rows = jdbc.sql("""
                        select s.*, l.sku, l.quantity from fulfillment.shipments s
                        join fulfillment.shipment_lines l on l.shipment_id = s.id
                        where s.id = :id
                        order by l.sku""")
                .param("id", id.value());
        return shipments(rows).stream().findFirst();
    }

    public Map<OrderId, List<ShipmentView>> of(Collection<OrderId> orders) {
        var byOrder = new LinkedHashMap<OrderId, List<ShipmentView>>();
        if (orders.isEmpty()) {
            return byOrder;
        }
        var rows = jdbc.sql("""
                        select s.*, l.sku, l.quantity from fulfillment.shipments s
                        join fulfillment.shipment_lines l on l.shipment_id = s.id
                        where s.order_id in (:orders)
                        order by s.shipped_at, s.id, l.sku""")
                .param("orders", orders.stream().map(OrderId::value).toList());
        shipments(rows).forEach(s -> byOrder.computeIfAbsent(s.orderId(), k -> new ArrayList<>()).add(s));
        return byOrder;
    }

    /** Folds rows of shipment and line, ordered by shipment, into one view per shipment. */
    private static List<ShipmentView> shipments(JdbcClient.StatementSpec rows) {
        var byId = new LinkedHashMap<UUID, ShipmentView>();
        rows.query((rs, n) -> {
            UUID id = rs.getObject("id", UUID.class);
            var line = new ShipmentLine(new Sku(rs.getString("sku")), rs.getInt("quantity"));
            var existing = byId.get(id);
            if (existing == null) {
                Timestamp delivered = rs.getTimestamp("delivered_at");
                byId.put(id, new ShipmentView(new ShipmentId(id), new OrderId(rs.getObject("order_id", UUID.class)),
                        ShipmentStatus.valueOf(rs.getString("status")), rs.getString("carrier"),
                        rs.getString("tracking_number"), new ArrayList<>(List.of(line)),
                        rs.getTimestamp("shipped_at").toInstant(), delivered == null ? null : delivered.toInstant()));
            } else {
                existing.items().add(line);
            }
            return null;
        }).list();
        return byId.values().stream().map(s -> new ShipmentView(s.id(), s.orderId(), s.status(), s.carrier(),
                s.trackingNumber(), List.copyOf(s.items()), s.shippedAt(), s.deliveredAt())).toList();
    }
}
