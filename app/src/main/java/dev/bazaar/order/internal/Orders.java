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

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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

    /**
     * Inserts a new order, its lines and its first timeline entry in one statement; the database numbers it. (The
     * foreign keys of lines and timeline are checked at the statement's end, when the order row is there.)
     */
    void add(Order order) {
        var address = order.address();
        var lines = order.lines();
        var timeline = TimelineRows.of(order.newTimelineEntries());
        long number = jdbc.sql("""
                        with placed as (
                            insert into ordering.orders (id, customer_id, status, currency, shipping, tax, total,
                                address_name, address_line1, address_line2, address_city, address_postal_code, address_country,
                                shipping_method, payment_token, created_at, reservation_expires_at, updated_at)
                            values (:id, :customer, :status, :currency, :shipping, :tax, :total, :name, :line1, :line2, :city,
                                :postalCode, :country, :method, :token, :createdAt, :expiresAt, :createdAt)
                            returning number),
                        lines as (
                            insert into ordering.order_lines (order_id, line_number, sku, product_id, name, unit_price, quantity)
                            select :id, l.n, l.sku, l.product, l.name, l.price, l.quantity
                            from unnest(:numbers::int[], :skus::text[], :products::uuid[], :names::text[], :prices::numeric[],
                                        :quantities::int[]) as l (n, sku, product, name, price, quantity)),
                        timeline as (""" + TimelineRows.INSERT + """
                        )
                        select number from placed""")
                .param("id", order.id().value()).param("customer", order.customerId().value())
                .param("status", order.status().name()).param("currency", order.total().currency().getCurrencyCode())
                .param("shipping", order.shipping().amount()).param("tax", order.tax().amount())
                .param("total", order.total().amount())
                .param("name", address.name()).param("line1", address.line1()).param("line2", address.line2())
                .param("city", address.city()).param("postalCode", address.postalCode()).param("country", address.country())
                .param("method", order.shippingMethod().name()).param("token", order.paymentToken())
                .param("createdAt", Timestamp.from(order.createdAt()))
                .param("expiresAt", Timestamp.from(order.reservationExpiresAt()))
                .param("numbers", lines.stream().map(OrderLine::lineNumber).toArray(Integer[]::new))
                .param("skus", lines.stream().map(l -> l.sku().value()).toArray(String[]::new))
                .param("products", lines.stream().map(l -> l.productId().value()).toArray(UUID[]::new))
                .param("names", lines.stream().map(OrderLine::name).toArray(String[]::new))
                .param("prices", lines.stream().map(l -> l.unitPrice().amount()).toArray(BigDecimal[]::new))
                .param("quantities", lines.stream().map(OrderLine::quantity).toArray(Integer[]::new))
                .params(timeline.parameters())
                .query(Long.class).single();
        order.numbered(number);
    }

    /** Saves a transition, the new status and the timeline entries it added, in one statement. */
    void save(Order order) {
        var timeline = TimelineRows.of(order.newTimelineEntries());
        jdbc.sql("""
                        with changed as (
                            update ordering.orders set status = :status, payment_token = :token, updated_at = now() where id = :id)
                        """ + TimelineRows.INSERT)
                .param("status", order.status().name()).param("token", order.paymentToken())
                .param("id", order.id().value())
                .params(timeline.parameters())
                .update();
    }

    /** An order's new timeline entries as arrays (instants as ISO-8601 text), inserted by {@link #INSERT}: no rows for none. */
    private record TimelineRows(Integer[] sequences, String[] ats, String[] statuses, String[] notes) {

        static final String INSERT = """
                insert into ordering.timeline (order_id, sequence, at, status, note)
                select :id, t.sequence, t.at, t.status, t.note
                from unnest(:sequences::int[], :ats::timestamptz[], :statuses::text[], :notes::text[]) as t (sequence, at, status, note)""";

        static TimelineRows of(List<TimelineEntry> entries) {
            return new TimelineRows(entries.stream().map(TimelineEntry::sequence).toArray(Integer[]::new),
                    entries.stream().map(e -> e.at().toString()).toArray(String[]::new),
                    entries.stream().map(e -> e.status().name()).toArray(String[]::new),
                    entries.stream().map(TimelineEntry::note).toArray(String[]::new));
        }

        Map<String, Object> parameters() {
            return Map.of("sequences", sequences, "ats", ats, "statuses", statuses, "notes", notes);
        }
    }

    /** Loads the order and locks it until the transaction ends: how every transition starts. */
    Optional<Order> lock(OrderId id) {
        return load("select * from ordering.orders where id = :id for update", "o.id", Map.of("id", id.value())).stream().findFirst();
    }

    Optional<Order> find(OrderId id) {
        return load("select * from ordering.orders where id = :id", "o.id", Map.of("id", id.value())).stream().findFirst();
    }

    List<Order> pageOfCustomer(UserId customer, int limit, long offset) {
        return load("select * from ordering.orders where customer_id = :customer order by created_at desc, id desc limit :limit offset :offset",
                "o.created_at desc, o.id desc",
                Map.of("customer", customer.value(), "limit", limit, "offset", offset));
    }

    long countOfCustomer(UserId customer) {
        return jdbc.sql("select count(*) from ordering.orders where customer_id = :customer")
                .param("customer", customer.value()).query(Long.class).single();
    }

    List<Order> page(@Nullable OrderStatus status, int limit, long offset) {
        var params = new HashMap<String, Object>(Map.of("limit", limit, "offset", offset, "any", status == null));
        params.put("status", status == null ? "" : status.name());
        return load("select * from ordering.orders where (:any or status = :status) order by created_at desc, id desc limit :limit offset :offset",
                "o.created_at desc, o.id desc", params);
    }

    long count(@Nullable OrderStatus status) {
        return jdbc.sql("select count(*) from ordering.orders where (:any or status = :status)")
                .param("any", status == null).param("status", status == null ? "" : status.name())
                .query(Long.class).single();
    }

    List<Order> awaitingShipment(int limit, long offset) {
        return load("select * from ordering.orders where status in ('CONFIRMED', 'PARTIALLY_SHIPPED') order by created_at, id limit :limit offset :offset",
                "o.created_at, o.id",
                Map.of("limit", limit, "offset", offset));
    }

    long countAwaitingShipment() {
        return jdbc.sql("select count(*) from ordering.orders where status in ('CONFIRMED', 'PARTIALLY_SHIPPED')")
                .query(Long.class).single();
    }

    /** Unpaid orders placed more than {@code age} ago whose reservation still holds, the soonest to expire first. */
    List<OrderId> awaitingPaymentFor(Duration age, int limit) {
        return jdbc.sql("""
                        select id from ordering.orders
                        where status = 'PENDING_PAYMENT' and created_at <= now() - :ageMillis * interval '1 millisecond'
                          and reservation_expires_at > now()
                        order by reservation_expires_at limit :limit""")
                .param("ageMillis", age.toMillis()).param("limit", limit)
                .query((rs, row) -> new OrderId(rs.getObject("id", UUID.class))).list();
    }

    /**
     * The next unpaid order whose reservation has expired, locked; one that another instance holds is skipped, and so
     * are the {@code skipped} ones (ids), whose expiry failed and waits for its next try.
     */
    Optional<OrderId> claimExpired(Collection<String> skipped) {
        return jdbc.sql("""
                        select id from ordering.orders
                        where status in ('PENDING_PAYMENT', 'PAYMENT_FAILED') and reservation_expires_at <= now()
                            and id <> all(:skipped::uuid[])
                        order by reservation_expires_at limit 1 for update skip locked""")
                .param("skipped", skipped.toArray(String[]::new))
                .query((rs, row) -> new OrderId(rs.getObject("id", UUID.class))).optional();
    }

    /**
     * Orders with their lines and timelines in one round trip (it was three): {@code orders} selects (and may lock,
     * order and limit) rows of {@code ordering.orders}; each one's lines and timeline entries are then aggregated into
     * arrays beside it, and the result is sorted by {@code orderBy} (over alias {@code o}). Every transition, view and
     * page loads orders this way.
     */
    private List<Order> load(String orders, String orderBy, Map<String, ?> params) {
        return jdbc.sql("select o.*, l.*, t.* from (" + orders + ") o" + LINES_AND_TIMELINE + " order by " + orderBy)
                .params(params)
                .query((rs, row) -> Row.of(rs).toOrder(lines(rs), timeline(rs))).list();
    }

    private static final String LINES_AND_TIMELINE = """

            left join lateral (select array_agg(line_number order by line_number) as line_numbers,
                                      array_agg(sku order by line_number) as line_skus,
                                      array_agg(product_id order by line_number) as line_products,
                                      array_agg(name order by line_number) as line_names,
                                      array_agg(unit_price order by line_number) as line_prices,
                                      array_agg(quantity order by line_number) as line_quantities
                               from ordering.order_lines where order_id = o.id) l on true
            left join lateral (select array_agg(sequence order by sequence) as timeline_sequences,
                                      array_agg(at order by sequence) as timeline_ats,
                                      array_agg(status order by sequence) as timeline_statuses,
                                      array_agg(note order by sequence) as timeline_notes
                               from ordering.timeline where order_id = o.id) t on true
            """;

    private static List<OrderLine> lines(ResultSet rs) throws SQLException {
        Integer[] numbers = array(rs, "line_numbers", Integer[].class);
        if (numbers == null) {
            return List.of();
        }
        String[] skus = array(rs, "line_skus", String[].class);
        UUID[] products = array(rs, "line_products", UUID[].class);
        String[] names = array(rs, "line_names", String[].class);
        BigDecimal[] prices = array(rs, "line_prices", BigDecimal[].class);
        Integer[] quantities = array(rs, "line_quantities", Integer[].class);
        var currency = Currency.getInstance(rs.getString("currency"));
        var lines = new ArrayList<OrderLine>(numbers.length);
        for (int i = 0; i < numbers.length; i++) {
            lines.add(new OrderLine(numbers[i], new Sku(skus[i]), new ProductId(products[i]), names[i],
                    new Money(prices[i], currency), quantities[i]));
        }
        return lines;
    }

    private static List<TimelineEntry> timeline(ResultSet rs) throws SQLException {
        Integer[] sequences = array(rs, "timeline_sequences", Integer[].class);
        if (sequences == null) {
            return List.of();
        }
        Timestamp[] ats = array(rs, "timeline_ats", Timestamp[].class);
        String[] statuses = array(rs, "timeline_statuses", String[].class);
        String[] notes = array(rs, "timeline_notes", String[].class);
        var entries = new ArrayList<TimelineEntry>(sequences.length);
        for (int i = 0; i < sequences.length; i++) {
            entries.add(new TimelineEntry(sequences[i], ats[i].toInstant(), OrderStatus.valueOf(statuses[i]), notes[i]));
        }
        return entries;
    }

    private static <T> @Nullable T array(ResultSet rs, String column, Class<T> type) throws SQLException {
        var array = rs.getArray(column);
        return array == null ? null : type.cast(array.getArray());
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
