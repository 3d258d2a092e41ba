package dev.bazaar.order.internal;

import dev.bazaar.order.OrderStatus;
import dev.bazaar.order.ShippingAddress;
import dev.bazaar.order.ShippingMethod;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.ids.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Orders with their lines and timeline, in schema {@code ordering}. */
@Repository
class Orders {

    private final JdbcClient jdbc;

    Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new order, its lines and its first timeline entry; the database numbers it. */
    void add(Order order) {
        var address = order.address();
        long number = jdbc.sql("""
                        insert into ordering.orders (id, customer_id, status, currency, shipping, tax, total,
                            address_name, address_line1, address_line2, address_city, address_postal_code, address_country,
                            shipping_method, payment_token, created_at, reservation_expires_at, updated_at)
                        values (:id, :customer, :status, :currency, :shipping, :tax, :total, :name, :line1, :line2, :city,
                            :postalCode, :country, :method, :token, :createdAt, :expiresAt, :createdAt)
                        returning number""")
                .param("id", order.id().value()).param("customer", order.customerId().value())
                .param("status", order.status().name()).param("currency", order.total().currency().getCurrencyCode())
                .param("shipping", order.shipping().amount()).param("tax", order.tax().amount())
                .param("total", order.total().amount())
                .param("name", address.name()).param("line1", address.line1()).param("line2", address.line2())
                .param("city", address.city()).param("postalCode", address.postalCode()).param("country", address.country())
                .param("method", order.shippingMethod().name()).param("token", order.paymentToken())
                .param("createdAt", Timestamp.from(order.createdAt()))
                .param("expiresAt", Timestamp.from(order.reservationExpiresAt()))
                .query(Long.class).single();
        order.numbered(number);
        var lines = order.lines();
        jdbc.sql("""
                        insert into ordering.order_lines (order_id, line_number, sku, product_id, name, unit_price, quantity)
                        select :order, l.n, l.sku, l.product, l.name, l.price, l.quantity
                        from unnest(:numbers::int[], :skus::text[], :products::uuid[], :names::text[], :prices::numeric[],
                                    :quantities::int[]) as l (n, sku, product, name, price, quantity)""")
                .param("order", order.id().value())
                .param("numbers", lines.stream().map(OrderLine::lineNumber).toArray(Integer[]::new))
                .param("skus", lines.stream().map(l -> l.sku().value()).toArray(String[]::new))
                .param("products", lines.stream().map(l -> l.productId().value()).toArray(UUID[]::new))
                .param("names", lines.stream().map(OrderLine::name).toArray(String[]::new))
                .param("prices", lines.stream().map(l -> l.unitPrice().amount()).toArray(java.math.BigDecimal[]::new))
                .param("quantities", lines.stream().map(OrderLine::quantity).toArray(Integer[]::new))
                .update();
        insertTimeline(order);
    }

    /** Saves a transition: the new status and the timeline entries it added. */
    void save(Order order) {
        jdbc.sql("update ordering.orders set status = :status, payment_token = :token, updated_at = now() where id = :id")
                .param("status", order.status().name()).param("token", order.paymentToken())
                .param("id", order.id().value()).update();
        insertTimeline(order);
    }

    private void insertTimeline(Order order) {
        for (var entry : order.newTimelineEntries()) {
            jdbc.sql("insert into ordering.timeline (order_id, sequence, at, status, note) values (:order, :seq, :at, :status, :note)")
                    .param("order", order.id().value()).param("seq", entry.sequence())
                    .param("at", Timestamp.from(entry.at())).param("status", entry.status().name())
                    .param("note", entry.note()).update();
        }
    }

    /** Loads the order and locks it until the transaction ends: how every transition starts. */
    Optional<Order> lock(OrderId id) {
        return load("select * from ordering.orders where id = :id for update", Map.of("id", id.value())).stream().findFirst();
    }

    Optional<Order> find(OrderId id) {
        return load("select * from ordering.orders where id = :id", Map.of("id", id.value())).stream().findFirst();
    }

    List<Order> pageOfCustomer(UserId customer, int limit, long offset) {
        return load("select * from ordering.orders where customer_id = :customer order by created_at desc, id desc limit :limit offset :offset",
                Map.of("customer", customer.value(), "limit", limit, "offset", offset));
    }

    long countOfCustomer(UserId customer) {
        return jdbc.sql("select count(*) from ordering.orders where customer_id = :customer")
                .param("customer", customer.value()).query(Long.class).single();
    }

    List<Order> page(@Nullable OrderStatus status, int limit, long offset) {
        var params = new HashMap<String, Object>(Map.of("limit", limit, "offset", offset, "any", status == null));
        params.put("status", status == null ? "" : status.name());
        return load("select * from ordering.orders where (:any or status = :status) order by created_at desc, id desc limit :limit offset :offset", params);
    }

    long count(@Nullable OrderStatus status) {
        return jdbc.sql("select count(*) from ordering.orders where (:any or status = :status)")
                .param("any", status == null).param("status", status == null ? "" : status.name())
                .query(Long.class).single();
    }

    List<Order> awaitingShipment(int limit, long offset) {
        return load("select * from ordering.orders where status in ('CONFIRMED', 'PARTIALLY_SHIPPED') order by created_at, id limit :limit offset :offset",
                Map.of("limit", limit, "offset", offset));
    }

    long countAwaitingShipment() {
        return jdbc.sql("select count(*) from ordering.orders where status in ('CONFIRMED', 'PARTIALLY_SHIPPED')")
                .query(Long.class).single();
    }

    /** The next unpaid order whose reservation has expired, locked; one that another instance holds is skipped. */
    Optional<OrderId> claimExpired() {
        return jdbc.sql("""
                        select id from ordering.orders
                        where status in ('PENDING_PAYMENT', 'PAYMENT_FAILED') and reservation_expires_at <= now()
                        order by reservation_expires_at limit 1 for update skip locked""")
                .query((rs, row) -> new OrderId(rs.getObject("id", UUID.class))).optional();
    }

    private List<Order> load(String sql, Map<String, ?> params) {
        var rows = jdbc.sql(sql).params(params).query((rs, row) -> Row.of(rs)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
        var lines = new HashMap<UUID, List<OrderLine>>();
        jdbc.sql("select * from ordering.order_lines where order_id = any(:ids) order by order_id, line_number")
                .param("ids", ids)
                .query((rs, n) -> {
                    var currency = Currency.getInstance("EUR");
                    lines.computeIfAbsent(rs.getObject("order_id", UUID.class), k -> new ArrayList<>())
                            .add(new OrderLine(rs.getInt("line_number"), new Sku(rs.getString("sku")),
                                    new ProductId(rs.getObject("product_id", UUID.class)), rs.getString("name"),
                                    new Money(rs.getBigDecimal("unit_price"), currency), rs.getInt("quantity")));
                    return null;
                }).list();
        var timelines = new HashMap<UUID, List<TimelineEntry>>();
        jdbc.sql("select * from ordering.timeline where order_id = any(:ids) order by order_id, sequence")
                .param("ids", ids)
                .query((rs, n) -> {
                    timelines.computeIfAbsent(rs.getObject("order_id", UUID.class), k -> new ArrayList<>())
                            .add(new TimelineEntry(rs.getInt("sequence"), rs.getTimestamp("at").toInstant(),
                                    OrderStatus.valueOf(rs.getString("status")), rs.getString("note")));
                    return null;
                }).list();
        return rows.stream().map(r -> r.toOrder(lines.getOrDefault(r.id(), List.of()), timelines.getOrDefault(r.id(), List.of()))).toList();
    }

    private record Row(UUID id, long number, UUID customer, String status, Currency currency, java.math.BigDecimal shipping,
                       java.math.BigDecimal tax, ShippingAddress address, String method, String token,
                       Timestamp createdAt, Timestamp expiresAt) {

        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getObject("id", UUID.class), rs.getLong("number"), rs.getObject("customer_id", UUID.class),
                    rs.getString("status"), Currency.getInstance(rs.getString("currency")), rs.getBigDecimal("shipping"),
                    rs.getBigDecimal("tax"),
                    new ShippingAddress(rs.getString("address_name"), rs.getString("address_line1"),
                            rs.getString("address_line2"), rs.getString("address_city"),
                            rs.getString("address_postal_code"), rs.getString("address_country")),
                    rs.getString("shipping_method"), rs.getString("payment_token"), rs.getTimestamp("created_at"),
                    rs.getTimestamp("reservation_expires_at"));
        }

        Order toOrder(List<OrderLine> lines, List<TimelineEntry> timeline) {
            return new Order(new OrderId(id), number, new UserId(customer), OrderStatus.valueOf(status), lines,
                    new Money(shipping, currency), new Money(tax, currency),
                    address, ShippingMethod.valueOf(method), token, createdAt.toInstant(), expiresAt.toInstant(), timeline);
        }
    }
}
