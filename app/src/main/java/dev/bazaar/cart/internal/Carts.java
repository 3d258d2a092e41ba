package dev.bazaar.cart.internal;

import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.ids.TimeOrderedIds;
import dev.bazaar.shared.ids.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One cart per customer and its lines (SKU and quantity only: prices are looked up when the cart is shown, and
 * fixed only when the order is placed). Quantity changes are single statements, so two tabs adding at once both count.
 */
@Repository
public class Carts {

    public static final int MAX_QUANTITY = 1000;
    /**
     * Distinct SKUs a cart holds at most (Shopify's limit too): a checkout reserves every line in one transaction, and
     * every cart change answers the whole cart, so an unbounded cart makes both as large as a client likes. The check
     * is made on each change's own statement; adds from one customer's several tabs at the same instant can pass it
     * by a line each.
     */
    public static final int MAX_LINES = 500;

    private final JdbcClient jdbc;

    Carts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A cart's id and lines in the order they were first added. */
    public record Contents(UUID id, Map<Sku, Integer> lines) {
    }

    /** The customer's cart, created empty if there is none; one query once it exists. */
    public Contents of(UserId customer) {
        return read(customer, "").orElseGet(() -> new Contents(idOf(customer), Map.of()));
    }

    /**
     * The customer's cart and its lines, all locked until the transaction ends (checkout). The lines are locked
     * because checkout takes out exactly what it read ({@link #takeOut}): an add to a read line waits until checkout
     * has ended and then adds to what is left (a new line), and a line added meanwhile is not read and stays. Reading
     * while an add is under way waits for it and then reads the line as the add left it. The adds themselves stay one
     * statement each and take no lock they did not take before.
     */
    public Contents lock(UserId customer) {
        var lines = new LinkedHashMap<Sku, Integer>();
        var ids = jdbc.sql("""
                        select c.id, l.sku, l.quantity from cart.carts c join cart.cart_lines l on l.cart_id = c.id
                        where c.customer_id = :customer order by l.added_at, l.sku for update of c, l""")
                .param("customer", customer.value())
                .query((rs, n) -> {
                    lines.put(new Sku(rs.getString("sku")), rs.getInt("quantity"));
                    return rs.getObject("id", UUID.class);
                }).list();
        if (!ids.isEmpty()) {
            return new Contents(ids.getFirst(), lines);
        }
        // an empty cart (or none yet): checkout refuses it, so the extra statement is on the refusal's path only
        idOf(customer);
        return read(customer, "for update of c").orElseThrow();
    }

    /**
     * Adds to the line and answers the cart as it is then; empty (and nothing changes) if the line would exceed the
     * maximum quantity, or the SKU is not in the cart and the cart holds {@link #MAX_LINES} lines already.
     */
    public Optional<Contents> add(UserId customer, Sku sku, int quantity) {
        // one statement once the cart exists; otherwise (a first add, or a line at its maximum) make sure it exists and try again
        return addToExisting(customer, sku, quantity).or(() -> {
            createIfMissing(customer);
            return addToExisting(customer, sku, quantity);
        });
    }

    /**
     * Upserts the line and reads the cart in the same statement. The statement's reading part sees the cart as it was
     * before the upsert (one snapshot), so the changed line comes from {@code returning} and the others from the table.
     */
    private Optional<Contents> addToExisting(UserId customer, Sku sku, int quantity) {
        var lines = new LinkedHashMap<Sku, Integer>();
        var ids = jdbc.sql("""
                        with added as (
                            insert into cart.cart_lines (cart_id, sku, quantity, added_at)
                            select id, :sku, :quantity, now() from cart.carts where customer_id = :customer
                            on conflict (cart_id, sku) do update set quantity = cart_lines.quantity + excluded.quantity
                            where cart_lines.quantity + excluded.quantity <= :max
                            returning cart_id, sku, quantity, added_at)
                        select cart_id, sku, quantity, added_at from added
                        union all
                        select l.cart_id, l.sku, l.quantity, l.added_at from cart.cart_lines l
                        join added a on l.cart_id = a.cart_id and l.sku <> a.sku
                        order by added_at, sku""")
                .param("customer", customer.value()).param("sku", sku.value()).param("quantity", quantity)
                .param("max", MAX_QUANTITY)
                .query((rs, n) -> {
                    lines.put(new Sku(rs.getString("sku")), rs.getInt("quantity"));
                    return rs.getObject("cart_id", UUID.class);
                }).list();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        var contents = new Contents(ids.getFirst(), lines);
        return overFull(contents, sku, quantity) ? Optional.empty() : Optional.of(contents);
    }

    /**
     * Whether the add made a new line in a cart that already held {@link #MAX_LINES}, in which case the line is taken
     * out again. Checked on the add's own answer (a new line is the only one with exactly the quantity added), so the
     * usual add stays one statement; the undo removes the line only as the add left it.
     */
    private boolean overFull(Contents contents, Sku sku, int quantity) {
        if (contents.lines().size() <= MAX_LINES || contents.lines().get(sku) != quantity) {
            return false;
        }
        jdbc.sql("delete from cart.cart_lines where cart_id = :cart and sku = :sku and quantity = :quantity")
                .param("cart", contents.id()).param("sku", sku.value()).param("quantity", quantity).update();
        return true;
    }

    private void createIfMissing(UserId customer) {
        jdbc.sql("insert into cart.carts (id, customer_id) values (:id, :customer) on conflict (customer_id) do nothing")
                .param("id", TimeOrderedIds.next()).param("customer", customer.value()).update();
    }

    /**
     * Sets the line's quantity; 0 removes it. Answers false (and nothing changes) when the SKU is not in the cart and
     * the cart holds {@link #MAX_LINES} lines already.
     */
    public boolean set(UserId customer, Sku sku, int quantity) {
        UUID cart = idOf(customer);
        if (quantity == 0) {
            remove(customer, sku);
            return true;
        }
        return jdbc.sql("""
                        insert into cart.cart_lines (cart_id, sku, quantity, added_at)
                        select :cart, :sku, :quantity, now()
                        where exists (select 1 from cart.cart_lines where cart_id = :cart and sku = :sku)
                           or (select count(*) from cart.cart_lines where cart_id = :cart) < :maxLines
                        on conflict (cart_id, sku) do update set quantity = excluded.quantity""")
                .param("cart", cart).param("sku", sku.value()).param("quantity", quantity).param("maxLines", MAX_LINES)
                .update() == 1;
    }

    /** Whether the customer's cart has a line for the SKU. */
    public boolean holds(UserId customer, Sku sku) {
        return jdbc.sql("""
                        select exists (select 1 from cart.carts c join cart.cart_lines l on l.cart_id = c.id
                                       where c.customer_id = :customer and l.sku = :sku)""")
                .param("customer", customer.value()).param("sku", sku.value()).query(Boolean.class).single();
    }

    public void remove(UserId customer, Sku sku) {
        jdbc.sql("delete from cart.cart_lines where cart_id = :cart and sku = :sku")
                .param("cart", idOf(customer)).param("sku", sku.value()).update();
    }

    /** Takes the lines checkout read (and locked, {@link #lock}) out of the cart; lines added since stay. */
    public void takeOut(Contents read) {
        jdbc.sql("delete from cart.cart_lines where cart_id = :cart and sku = any(:skus::text[])")
                .param("cart", read.id()).param("skus", read.lines().keySet().stream().map(Sku::value).toArray(String[]::new))
                .update();
    }

    /** The customer's cart id; the cart is created on first use (one round trip once it exists). */
    private UUID idOf(UserId customer) {
        return jdbc.sql("select id from cart.carts where customer_id = :customer").param("customer", customer.value())
                .query(UUID.class).optional()
                .orElseGet(() -> jdbc.sql("""
                                insert into cart.carts (id, customer_id) values (:id, :customer)
                                on conflict (customer_id) do update set customer_id = excluded.customer_id returning id""")
                        .param("id", TimeOrderedIds.next()).param("customer", customer.value())
                        .query(UUID.class).single());
    }

    /** The cart and its lines in one query, empty when the customer has no cart yet. */
    private Optional<Contents> read(UserId customer, String locking) {
        var lines = new LinkedHashMap<Sku, Integer>();
        var ids = jdbc.sql("""
                        select c.id, l.sku, l.quantity from cart.carts c left join cart.cart_lines l on l.cart_id = c.id
                        where c.customer_id = :customer order by l.added_at, l.sku\n""" + locking)
                .param("customer", customer.value())
                .query((rs, n) -> {
                    if (rs.getString("sku") != null) {
                        lines.put(new Sku(rs.getString("sku")), rs.getInt("quantity"));
                    }
                    return rs.getObject("id", UUID.class);
                }).list();
        return ids.isEmpty() ? Optional.empty() : Optional.of(new Contents(ids.getFirst(), lines));
    }
}
