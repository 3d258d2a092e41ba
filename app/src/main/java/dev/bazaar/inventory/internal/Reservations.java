package dev.bazaar.inventory.internal;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.Sku;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What each order holds of each SKU. Rows are read and locked in SKU order, like stock rows. */
@Repository
public class Reservations {

    private final JdbcClient jdbc;

    Reservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An order's hold on one SKU. */
    public record Held(Sku sku, int quantity, int shipped, String status) {
    }

    public void add(OrderId order, Map<Sku, Integer> quantities, Instant expiresAt) {
        jdbc.sql("""
                        insert into inventory.reservations (order_id, sku, quantity, status, expires_at)
                        select :order, held.sku, held.quantity, 'RESERVED', :expiresAt
                        from unnest(:skus::text[], :quantities::int[]) as held (sku, quantity)""")
                .param("order", order.value())
                .param("skus", quantities.keySet().stream().map(Sku::value).toArray(String[]::new))
                .param("quantities", quantities.values().toArray(Integer[]::new))
                .param("expiresAt", Timestamp.from(expiresAt))
                .update();
    }

    /** The order's holds in one of these statuses, locked until the transaction ends. */
    public List<Held> lock(OrderId order, List<String> statuses) {
        return jdbc.sql("""
                        select sku, quantity, shipped, status from inventory.reservations
                        where order_id = :order and status in (:statuses) order by sku for update""")
                .param("order", order.value()).param("statuses", statuses)
                .query((rs, row) -> new Held(new Sku(rs.getString("sku")), rs.getInt("quantity"), rs.getInt("shipped"),
                        rs.getString("status")))
                .list();
    }

    public void setStatus(OrderId order, String from, String to) {
        jdbc.sql("update inventory.reservations set status = :to where order_id = :order and status = :from")
                .param("order", order.value()).param("from", from).param("to", to).update();
    }

    public boolean any(OrderId order, String status) {
        return jdbc.sql("select exists (select 1 from inventory.reservations where order_id = :order and status = :status)")
                .param("order", order.value()).param("status", status).query(Boolean.class).single();
    }

    /** Counts a shipped quantity against an allocation; false if that would ship more than is allocated. */
    public boolean ship(OrderId order, Sku sku, int quantity) {
        return jdbc.sql("""
                        update inventory.reservations set shipped = shipped + :quantity
                        where order_id = :order and sku = :sku and status = 'ALLOCATED' and shipped + :quantity <= quantity""")
                .param("order", order.value()).param("sku", sku.value()).param("quantity", quantity)
                .update() == 1;
    }
}
