package dev.bazaar.inventory.internal;

import dev.bazaar.inventory.internal.StockLevels.Delta;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.Sku;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static dev.bazaar.inventory.internal.ReservationStatus.ALLOCATED;
import static dev.bazaar.inventory.internal.ReservationStatus.RELEASED;
import static dev.bazaar.inventory.internal.ReservationStatus.RESERVED;

/**
 * What each order holds of each SKU. Rows are read and locked in SKU order, like stock rows. A hold's status changes
 * only along {@link ReservationStatus}'s table, and each statement that changes it is conditional on the status it
 * leaves.
 */
@Repository
public class Reservations {

    private final JdbcClient jdbc;

    Reservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An order's hold on one SKU. */
    public record Held(Sku sku, int quantity, int shipped, ReservationStatus status) {

        /** Whether some of it has not shipped, so releasing it gives stock back. */
        public boolean holdsStock() {
            return quantity > shipped;
        }

        /** What releasing the hold does to its SKU's stock: the unshipped rest leaves reserved or allocated. */
        public Delta release() {
            status.requireTransitionTo(RELEASED);
            int unshipped = quantity - shipped;
            return status == RESERVED ? new Delta(sku, 0, -unshipped, 0) : new Delta(sku, 0, 0, -unshipped);
        }
    }

    /**
     * Holds the quantities for the order and lists each in the ledger as a {@code RESERVATION}, in one statement: a
     * round trip fewer on the checkout's path than two inserts (docs/performance-history.md, "Ledger rows written with
     * the reservation rows").
     */
    public void add(OrderId order, Map<Sku, Integer> quantities, Instant expiresAt, Instant at) {
        jdbc.sql("""
                        with held as (
                            insert into inventory.reservations (order_id, sku, quantity, status, expires_at)
                            select :order, held.sku, held.quantity, :reserved, :expiresAt
                            from unnest(:skus::text[], :quantities::int[]) as held (sku, quantity)
                            returning sku)
                        insert into inventory.movements (at, sku, delta, reason, reference, actor)
                        select :at, sku, 0, 'RESERVATION', :reference, 'system' from held""")
                .param("order", order.value()).param("reserved", RESERVED.name())
                .param("skus", quantities.keySet().stream().map(Sku::value).toArray(String[]::new))
                .param("quantities", quantities.values().toArray(Integer[]::new))
                .param("expiresAt", Timestamp.from(expiresAt)).param("at", Timestamp.from(at))
                .param("reference", reference(order))
                .update();
    }

    /**
     * Turns the order's reservations into allocations and lists each in the ledger as an {@code ALLOCATION}, in one
     * statement (a round trip fewer per paid order, as for {@link #add}); answers what was allocated, in SKU order
     * (empty when nothing was reserved any more). The UPDATE is conditional on {@code RESERVED}, so of two allocations
     * racing for one order only one moves each hold.
     */
    public List<Held> allocate(OrderId order, Instant at) {
        RESERVED.requireTransitionTo(ALLOCATED);
        return jdbc.sql("""
                        with allocated as (
                            update inventory.reservations set status = :allocated
                            where order_id = :order and status = :reserved
                            returning sku, quantity, shipped, status
                        ), listed as (
                            insert into inventory.movements (at, sku, delta, reason, reference, actor)
                            select :at, sku, 0, 'ALLOCATION', :reference, 'system' from allocated)
                        select * from allocated order by sku""")
                .param("order", order.value()).param("reserved", RESERVED.name()).param("allocated", ALLOCATED.name())
                .param("at", Timestamp.from(at)).param("reference", reference(order))
                .query(Reservations::held)
                .list();
    }

    /** How the ledger names an order's movements. */
    public static String reference(OrderId order) {
        return "order:" + order;
    }

    /** The order's holds in one of these statuses, locked until the transaction ends. */
    public List<Held> lock(OrderId order, Collection<ReservationStatus> statuses) {
        return jdbc.sql("""
                        select sku, quantity, shipped, status from inventory.reservations
                        where order_id = :order and status in (:statuses) order by sku for update""")
                .param("order", order.value()).param("statuses", statuses.stream().map(ReservationStatus::name).toList())
                .query(Reservations::held)
                .list();
    }

    /** Moves the order's holds that are {@code from} to {@code to}, a move the status table must allow. */
    public void move(OrderId order, ReservationStatus from, ReservationStatus to) {
        from.requireTransitionTo(to);
        jdbc.sql("update inventory.reservations set status = :to where order_id = :order and status = :from")
                .param("order", order.value()).param("from", from.name()).param("to", to.name()).update();
    }

    public boolean any(OrderId order, ReservationStatus status) {
        return jdbc.sql("select exists (select 1 from inventory.reservations where order_id = :order and status = :status)")
                .param("order", order.value()).param("status", status.name()).query(Boolean.class).single();
    }

    /** Counts a shipped quantity against an allocation; false if that would ship more than is allocated. */
    public boolean ship(OrderId order, Sku sku, int quantity) {
        return jdbc.sql("""
                        update inventory.reservations set shipped = shipped + :quantity
                        where order_id = :order and sku = :sku and status = :allocated and shipped + :quantity <= quantity""")
                .param("order", order.value()).param("sku", sku.value()).param("quantity", quantity)
                .param("allocated", ALLOCATED.name())
                .update() == 1;
    }

    private static Held held(ResultSet rs, int row) throws SQLException {
        return new Held(new Sku(rs.getString("sku")), rs.getInt("quantity"), rs.getInt("shipped"),
                ReservationStatus.valueOf(rs.getString("status")));
    }
}
