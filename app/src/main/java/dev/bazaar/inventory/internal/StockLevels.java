package dev.bazaar.inventory.internal;

import dev.bazaar.inventory.StockLevelView;
import dev.bazaar.shared.ids.Sku;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stock rows. Every change goes through {@link #changeAll}: a conditional UPDATE that applies each row's deltas only
 * if the row stays valid ({@code onHand >= 0}, nothing negative, {@code available >= 0}), so there is no read-modify-write
 * and no lost update under any concurrency. It also tracks low stock: {@code low} is whether available is at or below
 * the threshold, and {@code crossed_low} whether this very change took it there.
 */
@Repository
public class StockLevels {

    /** One SKU's conditional update: what a change of a single SKU sends, and what each slot of {@link #CHANGE} does. */
    private static final String CHANGE_ONE = """
            update inventory.stock_levels
            set on_hand = on_hand + :onHand, reserved = reserved + :reserved, allocated = allocated + :allocated,
                crossed_low = not low and (on_hand + :onHand) - (reserved + :reserved) - (allocated + :allocated) <= low_stock_threshold,
                low = (on_hand + :onHand) - (reserved + :reserved) - (allocated + :allocated) <= low_stock_threshold
            where sku = :sku and on_hand + :onHand >= 0 and reserved + :reserved >= 0 and allocated + :allocated >= 0
              and (on_hand + :onHand) - (reserved + :reserved) - (allocated + :allocated) >= 0
            returning *""";

    /** How many SKUs one {@link #CHANGE} takes; more are changed eight at a time. */
    private static final int SKUS_PER_STATEMENT = 8;

    /**
     * Changes two to eight stock rows in one round trip, each as {@link #CHANGE_ONE} would. Why it is shaped so:
     * <ul>
     * <li>Eight numbered slots of scalar parameters, not {@code unnest(:skus::text[], …)}: with array parameters only a
     * custom plan knows how many lines there are, so PostgreSQL planned the statement again on almost every call
     * (docs/performance-history.md, tenth round), while a statement of scalars keeps its generic plan. Slots a change
     * does not use are bound to null and match no row.</li>
     * <li>One statement rather than one per row, as since the ninth round (docs/performance-history.md): fewer
     * statements and round trips while a checkout holds its stock rows' locks, a saving within the noise of the
     * shop's throughput, but not one to give back on the checkout's path. That takes the
     * {@code locked} CTE: it takes the rows' locks in SKU order ({@code FOR UPDATE} locks rows as the sort returns
     * them; {@code collate "C"} is {@link Sku}'s own order, for the SKU alphabet), and the UPDATE changes only rows
     * {@code locked} has locked, so two changes of the same rows never wait on each other in a cycle. A row left
     * unchanged because it cannot take its change stays locked until the transaction ends.</li>
     * <li>The UPDATE adds the deltas and checks the result in its WHERE, so under concurrency PostgreSQL re-checks each
     * row's guard against the row as the transaction before left it; a row that cannot take its change is left as it
     * was and missing from the answer.</li>
     * </ul>
     */
    private static final String CHANGE = """
            with change (sku, on_hand, reserved, allocated) as (
                values (:sku0, :onHand0, :reserved0, :allocated0), (:sku1, :onHand1, :reserved1, :allocated1),
                       (:sku2, :onHand2, :reserved2, :allocated2), (:sku3, :onHand3, :reserved3, :allocated3),
                       (:sku4, :onHand4, :reserved4, :allocated4), (:sku5, :onHand5, :reserved5, :allocated5),
                       (:sku6, :onHand6, :reserved6, :allocated6), (:sku7, :onHand7, :reserved7, :allocated7)),
            locked as (
                select sku from inventory.stock_levels where sku in (select sku from change)
                order by sku collate "C" for update)
            update inventory.stock_levels s
            set on_hand = s.on_hand + c.on_hand, reserved = s.reserved + c.reserved, allocated = s.allocated + c.allocated,
                crossed_low = not s.low
                    and (s.on_hand + c.on_hand) - (s.reserved + c.reserved) - (s.allocated + c.allocated) <= s.low_stock_threshold,
                low = (s.on_hand + c.on_hand) - (s.reserved + c.reserved) - (s.allocated + c.allocated) <= s.low_stock_threshold
            from change c join locked l on l.sku = c.sku
            where s.sku = c.sku
              and s.on_hand + c.on_hand >= 0 and s.reserved + c.reserved >= 0 and s.allocated + c.allocated >= 0
              and (s.on_hand + c.on_hand) - (s.reserved + c.reserved) - (s.allocated + c.allocated) >= 0
            returning s.*""";

    private final JdbcClient jdbc;

    StockLevels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The result of a change: the level after it, and whether it crossed into low stock. */
    public record Changed(StockLevelView level, boolean crossedLow) {
    }

    /** One SKU's change: what is added to each figure (negative to take away). */
    public record Delta(Sku sku, int onHand, int reserved, int allocated) {
    }

    /**
     * Applies each SKU's change as a conditional update of its row, eight SKUs per statement, locking the rows in SKU
     * order. Answers the rows that changed, by SKU; a SKU missing from the answer was left as it was.
     */
    public Map<Sku, Changed> changeAll(List<Delta> deltas) {
        if (deltas.stream().map(Delta::sku).distinct().count() < deltas.size()) {
            // one statement cannot change a row twice (PostgreSQL applies only one of the two)
            throw new IllegalArgumentException("each SKU once: " + deltas);
        }
        // sorted here too, so that the statements, and not only the rows inside each, follow SKU order
        var inOrder = deltas.stream().sorted(Comparator.comparing(Delta::sku)).toList();
        var changed = new LinkedHashMap<Sku, Changed>();
        for (int from = 0; from < inOrder.size(); from += SKUS_PER_STATEMENT) {
            var chunk = inOrder.subList(from, Math.min(inOrder.size(), from + SKUS_PER_STATEMENT));
            statementFor(chunk).query((rs, row) -> new Changed(map(rs, row), rs.getBoolean("crossed_low")))
                    .list().forEach(c -> changed.put(c.level().sku(), c));
        }
        return changed;
    }

    private JdbcClient.StatementSpec statementFor(List<Delta> chunk) {
        if (chunk.size() == 1) {
            var delta = chunk.getFirst();
            return jdbc.sql(CHANGE_ONE).param("sku", delta.sku().value()).param("onHand", delta.onHand())
                    .param("reserved", delta.reserved()).param("allocated", delta.allocated());
        }
        var statement = jdbc.sql(CHANGE);
        for (int slot = 0; slot < SKUS_PER_STATEMENT; slot++) {
            statement = slot < chunk.size() ? bind(statement, slot, chunk.get(slot)) : unused(statement, slot);
        }
        return statement;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, int slot, Delta delta) {
        return statement.param("sku" + slot, delta.sku().value(), Types.VARCHAR)
                .param("onHand" + slot, delta.onHand(), Types.INTEGER)
                .param("reserved" + slot, delta.reserved(), Types.INTEGER)
                .param("allocated" + slot, delta.allocated(), Types.INTEGER);
    }

    /** A slot no SKU uses: typed nulls, so every call sends the same parameter types and reuses one prepared statement. */
    private static JdbcClient.StatementSpec unused(JdbcClient.StatementSpec statement, int slot) {
        return statement.param("sku" + slot, null, Types.VARCHAR)
                .param("onHand" + slot, null, Types.INTEGER)
                .param("reserved" + slot, null, Types.INTEGER)
                .param("allocated" + slot, null, Types.INTEGER);
    }

    /** Starts tracking SKUs with nothing on hand; SKUs already tracked are left as they are. */
    void track(Collection<Sku> skus, int threshold) {
        jdbc.sql("""
                        insert into inventory.stock_levels (sku, low_stock_threshold, low)
                        select unnest(:skus::text[]), :threshold, true on conflict (sku) do nothing""")
                .param("skus", skus.stream().map(Sku::value).toArray(String[]::new)).param("threshold", threshold)
                .update();
    }

    Optional<StockLevelView> find(Sku sku) {
        return jdbc.sql("select * from inventory.stock_levels where sku = :sku").param("sku", sku.value())
                .query(StockLevels::map).optional();
    }

    List<StockLevelView> findAll(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from inventory.stock_levels where sku in (:skus)")
                .param("skus", skus.stream().map(Sku::value).toList())
                .query(StockLevels::map).list();
    }

    List<StockLevelView> page(boolean lowOnly, int limit, long offset) {
        return jdbc.sql("select * from inventory.stock_levels where (:lowOnly = false or low) order by sku limit :limit offset :offset")
                .param("lowOnly", lowOnly).param("limit", limit).param("offset", offset)
                .query(StockLevels::map).list();
    }

    long count(boolean lowOnly) {
        return jdbc.sql("select count(*) from inventory.stock_levels where (:lowOnly = false or low)")
                .param("lowOnly", lowOnly).query(Long.class).single();
    }

    /** Sets a SKU's threshold and re-evaluates whether it is low now (without counting that as a crossing). */
    Optional<StockLevelView> setThreshold(Sku sku, int threshold) {
        return jdbc.sql("""
                        update inventory.stock_levels
                        set low_stock_threshold = :threshold, low = on_hand - reserved - allocated <= :threshold, crossed_low = false
                        where sku = :sku returning *""")
                .param("sku", sku.value()).param("threshold", threshold)
                .query(StockLevels::map).optional();
    }

    private static StockLevelView map(ResultSet rs, int row) throws SQLException {
        int onHand = rs.getInt("on_hand");
        int reserved = rs.getInt("reserved");
        int allocated = rs.getInt("allocated");
        return new StockLevelView(new Sku(rs.getString("sku")), onHand, reserved, allocated,
                onHand - reserved - allocated, rs.getInt("low_stock_threshold"));
    }
}
