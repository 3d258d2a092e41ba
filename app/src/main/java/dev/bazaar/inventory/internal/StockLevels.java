package dev.bazaar.inventory.internal;

import dev.bazaar.inventory.StockLevelView;
import dev.bazaar.shared.ids.Sku;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Stock rows. Every change goes through {@link #changeAll}: one conditional UPDATE per row that applies the deltas only
 * if the row stays valid ({@code onHand >= 0}, nothing negative, {@code available >= 0}), so there is no read-modify-write
 * and no lost update under any concurrency. It also tracks low stock: {@code low} is whether available is at or below
 * the threshold, and {@code crossed_low} whether this very change took it there.
 */
@Repository
public class StockLevels {

    private static final String NEW_AVAILABLE =
            "((on_hand + :onHand%1$s) - (reserved + :reserved%1$s) - (allocated + :allocated%1$s))";

    private static final String CHANGE = """
            update inventory.stock_levels
            set on_hand = on_hand + :onHand%2$s, reserved = reserved + :reserved%2$s, allocated = allocated + :allocated%2$s,
                crossed_low = not low and %1$s <= low_stock_threshold,
                low = %1$s <= low_stock_threshold
            where sku = :sku%2$s and on_hand + :onHand%2$s >= 0 and reserved + :reserved%2$s >= 0
              and allocated + :allocated%2$s >= 0 and %1$s >= 0
            returning *""";

    /** At most this many SKUs per statement, so a connection prepares few shapes of it. */
    private static final int SKUS_PER_STATEMENT = 8;

    /** The statement for 1, 2, … {@link #SKUS_PER_STATEMENT} SKUs. */
    private static final List<String> CHANGING = IntStream.rangeClosed(1, SKUS_PER_STATEMENT)
            .mapToObj(StockLevels::changing).toList();

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
     * Applies each SKU's change as one conditional UPDATE of its row, several in one statement and in the order given
     * (callers give SKU order, so rows are locked in that order everywhere). Answers the rows that changed, by SKU; a
     * SKU missing from the answer was left as it was.
     */
    public Map<Sku, Changed> changeAll(List<Delta> deltas) {
        if (deltas.stream().map(Delta::sku).distinct().count() < deltas.size()) {
            // one statement cannot change a row twice (PostgreSQL applies only one of the two)
            throw new IllegalArgumentException("each SKU once: " + deltas);
        }
        var changed = new LinkedHashMap<Sku, Changed>();
        for (int from = 0; from < deltas.size(); from += SKUS_PER_STATEMENT) {
            var chunk = deltas.subList(from, Math.min(deltas.size(), from + SKUS_PER_STATEMENT));
            var statement = jdbc.sql(CHANGING.get(chunk.size() - 1));
            for (int i = 0; i < chunk.size(); i++) {
                var delta = chunk.get(i);
                statement = statement.param("sku" + i, delta.sku().value()).param("onHand" + i, delta.onHand())
                        .param("reserved" + i, delta.reserved()).param("allocated" + i, delta.allocated());
            }
            statement.query((rs, row) -> new Changed(map(rs, row), rs.getBoolean("crossed_low")))
                    .list().forEach(c -> changed.put(c.level().sku(), c));
        }
        return changed;
    }

    /**
     * One conditional UPDATE per SKU, each a data-modifying CTE read in turn by a UNION ALL: PostgreSQL runs them in
     * that order, one row lock after the other, in one round trip and one plan.
     */
    private static String changing(int skus) {
        if (skus == 1) {
            return update(0);
        }
        return IntStream.range(0, skus).mapToObj(i -> "c" + i + " as (" + update(i) + ")")
                .collect(Collectors.joining(",\n", "with ", "\n"))
                + IntStream.range(0, skus).mapToObj(i -> "select * from c" + i).collect(Collectors.joining(" union all "));
    }

    /** The conditional UPDATE of the {@code i}-th SKU of a statement. */
    private static String update(int i) {
        return CHANGE.formatted(NEW_AVAILABLE.formatted(i), i);
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
