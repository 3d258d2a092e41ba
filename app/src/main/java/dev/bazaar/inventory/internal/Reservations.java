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

    /**
     * Holds the quantities for the order, lists each in the ledger as a {@code RESERVATION} and reserves it on its
     * stock row, in one statement; answers the stock rows it reserved on. A SKU missing from the answer had too little
     * available (or is not tracked): its row was left as it was, and the caller must roll back.
     */
    public List<StockLevels.Changed> add(OrderId order, Map<Sku, Integer> quantities, Instant expiresAt, Instant at) {
        return jdbc.sql("""
                        with d (sku, on_hand, reserved, allocated) as (
                            select sku, 0, quantity, 0 from unnest(:skus::text[], :quantities::int[]) as held (sku, quantity)
                        ), held as (
                            insert into inventory.reservations (order_id, sku, quantity, status, expires_at)
                            select :order, sku, reserved, 'RESERVED', :expiresAt from d
                            returning sku
                        ), listed as (
                            insert into inventory.movements (at, sku, delta, reason, reference, actor)
                            select :at, sku, 0, 'RESERVATION', :reference, 'system' from held
                        ), %s
                        select * from changed""".formatted(StockLevels.CHANGE_BY_D))
                .param("order", order.value())
                .param("skus", quantities.keySet().stream().map(Sku::value).toArray(String[]::new))
                .param("quantities", quantities.values().toArray(Integer[]::new))
                .param("expiresAt", Timestamp.from(expiresAt)).param("at", Timestamp.from(at))
                .param("reference", reference(order))
                .query(StockLevels::changed)
                .list();
    }

    /**
     * Turns the order's reservations into allocations, lists each in the ledger as an {@code ALLOCATION} and moves it
     * from reserved to allocated on its stock row, in one statement; answers the stock rows changed, in SKU order
     * (empty when nothing was reserved any more).
     *
     * @throws IllegalStateException when a stock row cannot take its allocation, which the invariants rule out
     */
    public List<StockLevels.Changed> allocate(OrderId order, Instant at) {
        return jdbc.sql("""
                        with allocated as (
                            update inventory.reservations set status = 'ALLOCATED'
                            where order_id = :order and status = 'RESERVED'
                            returning sku, quantity
                        ), listed as (
                            insert into inventory.movements (at, sku, delta, reason, reference, actor)
                            select :at, sku, 0, 'ALLOCATION', :reference, 'system' from allocated
                        ), d (sku, on_hand, reserved, allocated) as (
                            select sku, 0, -quantity, quantity from allocated
                        ), %s
                        select a.sku as allocated_sku, c.* from allocated a left join changed c on c.sku = a.sku
                        order by a.sku""".formatted(StockLevels.CHANGE_BY_D))
                .param("order", order.value()).param("at", Timestamp.from(at)).param("reference", reference(order))
                .query((rs, row) -> {
                    if (rs.getString("sku") == null) {
                        throw new IllegalStateException("stock of " + rs.getString("allocated_sku")
                                + " cannot take the allocation of order " + order);
                    }
                    return StockLevels.changed(rs, row);
                })
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
