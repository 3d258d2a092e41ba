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

    /** Holds the quantities for the order and lists each in the ledger as a {@code RESERVATION}, in one statement. */
    public void add(OrderId order, Map<Sku, Integer> quantities, Instant expiresAt, Instant at) {
        jdbc.sql("""
                        with held as (
                            insert into inventory.reservations (order_id, sku, quantity, status, expires_at)
                            select :order, held.sku, held.quantity, 'RESERVED', :expiresAt
                            from unnest(:skus::text[], :quantities::int[]) as held (sku, quantity)
                            returning sku)
                        insert into inventory.movements (at, sku, delta, reason, reference, actor)
                        select :at, sku, 0, 'RESERVATION', :reference, 'system' from held""")
                .param("order", order.value())
                .param("skus", quantities.keySet().stream().map(Sku::value).toArray(String[]::new))
                .param("quantities", quantities.values().toArray(Integer[]::new))
                .param("expiresAt", Timestamp.from(expiresAt)).param("at", Timestamp.from(at))
                .param("reference", reference(order))
                .update();
    }

    /**
     * Turns the order's reservations into allocations and lists each in the ledger as an {@code ALLOCATION}, in one
     * statement; answers what was allocated, in SKU order (empty when nothing was reserved any more).
     */
    public List<Held> allocate(OrderId order, Instant at) {
        return jdbc.sql("""
                        with allocated as (
                            update inventory.reservations set status = 'ALLOCATED'
                            where order_id = :order and status = 'RESERVED'
                            returning sku, quantity, shipped, status
                        ), listed as (
                            insert into inventory.movements (at, sku, delta, reason, reference, actor)
                            select :at, sku, 0, 'ALLOCATION', :reference, 'system' from allocated)
                        select * from allocated order by sku""")
                .param("order", order.value()).param("at", Timestamp.from(at)).param("reference", reference(order))
                .query((rs, row) -> new Held(new Sku(rs.getString("sku")), rs.getInt("quantity"), rs.getInt("shipped"),
                        rs.getString("status")))
                .list();
    }

    /** How the ledger names an order's movements. */
    public static String reference(OrderId order) {
        return "order:" + order;
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
