package dev.bazaar.inventory.internal;

import dev.bazaar.inventory.StockLevelView;
import dev.bazaar.shared.ids.Sku;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Stock rows. Every change goes through {@link #change}: one conditional UPDATE that applies the deltas only if the
 * row stays valid ({@code onHand >= 0}, nothing negative, {@code available >= 0}), so there is no read-modify-write
 * and no lost update under any concurrency. It also tracks low stock: {@code low} is whether available is at or below
 * the threshold, and {@code crossed_low} whether this very change took it there.
 */
@Repository
public class StockLevels {

    private static final String NEW_AVAILABLE =
            "((on_hand + :onHand) - (reserved + :reserved) - (allocated + :allocated))";

    private final JdbcClient jdbc;

    StockLevels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The result of a change: the level after it, and whether it crossed into low stock. */
    public record Changed(StockLevelView level, boolean crossedLow) {
    }

    public Optional<Changed> change(Sku sku, int onHand, int reserved, int allocated) {
        return jdbc.sql("""
                        update inventory.stock_levels
                        set on_hand = on_hand + :onHand, reserved = reserved + :reserved, allocated = allocated + :allocated,
                            crossed_low = not low and %1$s <= low_stock_threshold,
                            low = %1$s <= low_stock_threshold
                        where sku = :sku and on_hand + :onHand >= 0 and reserved + :reserved >= 0
                          and allocated + :allocated >= 0 and %1$s >= 0
                        returning *""".formatted(NEW_AVAILABLE))
                .param("sku", sku.value()).param("onHand", onHand).param("reserved", reserved).param("allocated", allocated)
                .query((rs, row) -> new Changed(map(rs, row), rs.getBoolean("crossed_low")))
                .optional();
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
