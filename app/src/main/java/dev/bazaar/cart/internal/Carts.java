package dev.bazaar.cart.internal;

import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.ids.TimeOrderedIds;
import dev.bazaar.shared.ids.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One cart per customer and its lines (SKU and quantity only: prices are looked up when the cart is shown, and
 * fixed only when the order is placed). Quantity changes are single statements, so two tabs adding at once both count.
 */
@Repository
public class Carts {

    public static final int MAX_QUANTITY = 1000;

    private final JdbcClient jdbc;

    Carts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A cart's id and lines in the order they were first added. */
    public record Contents(UUID id, Map<Sku, Integer> lines) {
    }

    /** The customer's cart, created empty if there is none. */
    public Contents of(UserId customer) {
        return new Contents(idOf(customer), lines(customer));
    }

    /** The customer's cart, locked until the transaction ends (checkout). */
    public Contents lock(UserId customer) {
        UUID id = idOf(customer);
        jdbc.sql("select id from cart.carts where id = :id for update").param("id", id).query(UUID.class).single();
        return new Contents(id, lines(customer));
    }

    /** Adds to the line; false (and nothing changes) if the line would exceed the maximum quantity. */
    public boolean add(UserId customer, Sku sku, int quantity) {
        UUID cart = idOf(customer);
        return jdbc.sql("""
                        insert into cart.cart_lines (cart_id, sku, quantity, added_at) values (:cart, :sku, :quantity, now())
                        on conflict (cart_id, sku) do update set quantity = cart_lines.quantity + excluded.quantity
                        where cart_lines.quantity + excluded.quantity <= :max""")
                .param("cart", cart).param("sku", sku.value()).param("quantity", quantity).param("max", MAX_QUANTITY)
                .update() == 1;
    }

    /** Sets the line's quantity; 0 removes it. */
    public void set(UserId customer, Sku sku, int quantity) {
        UUID cart = idOf(customer);
        if (quantity == 0) {
            remove(customer, sku);
            return;
        }
        jdbc.sql("""
                        insert into cart.cart_lines (cart_id, sku, quantity, added_at) values (:cart, :sku, :quantity, now())
                        on conflict (cart_id, sku) do update set quantity = excluded.quantity""")
                .param("cart", cart).param("sku", sku.value()).param("quantity", quantity).update();
    }

    public void remove(UserId customer, Sku sku) {
        jdbc.sql("delete from cart.cart_lines where cart_id = :cart and sku = :sku")
                .param("cart", idOf(customer)).param("sku", sku.value()).update();
    }

    public void empty(UUID cart) {
        jdbc.sql("delete from cart.cart_lines where cart_id = :cart").param("cart", cart).update();
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

    private Map<Sku, Integer> lines(UserId customer) {
        var lines = new LinkedHashMap<Sku, Integer>();
        jdbc.sql("""
                        select l.sku, l.quantity from cart.cart_lines l join cart.carts c on c.id = l.cart_id
                        where c.customer_id = :customer order by l.added_at, l.sku""")
                .param("customer", customer.value())
                .query((rs, n) -> lines.put(new Sku(rs.getString("sku")), rs.getInt("quantity"))).list();
        return lines;
    }
}
