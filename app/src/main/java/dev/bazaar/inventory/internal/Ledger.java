package dev.bazaar.inventory.internal;

import dev.bazaar.shared.ids.Sku;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The stock ledger: one row per movement. {@code delta} is the change to {@code onHand}, so a SKU's deltas add up to
 * its {@code onHand}; reservations, allocations and releases are listed with delta 0.
 */
@Repository
public class Ledger {

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One movement, as the API lists it. */
    public record Movement(Instant at, Sku sku, int delta, String reason, String reference, String actor, String note) {
    }

    /** Writes several movements in one statement. */
    public void record(List<Movement> movements) {
        if (movements.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into inventory.movements (at, sku, delta, reason, reference, actor, note)
                        select * from unnest(:at::timestamptz[], :sku::text[], :delta::int[], :reason::text[],
                                             :reference::text[], :actor::text[], :note::text[])""")
                .param("at", movements.stream().map(m -> Timestamp.from(m.at())).toArray(Timestamp[]::new))
                .param("sku", movements.stream().map(m -> m.sku().value()).toArray(String[]::new))
                .param("delta", movements.stream().map(Movement::delta).toArray(Integer[]::new))
                .param("reason", movements.stream().map(Movement::reason).toArray(String[]::new))
                .param("reference", movements.stream().map(Movement::reference).toArray(String[]::new))
                .param("actor", movements.stream().map(Movement::actor).toArray(String[]::new))
                .param("note", movements.stream().map(Movement::note).toArray(String[]::new))
                .update();
    }

    /**
     * Records a shipment's movements unless they are recorded already.
     *
     * @return false when this shipment was recorded before (nothing is written then)
     */
    public boolean recordShipmentOnce(String reference, java.util.Map<Sku, Integer> quantities, Instant at) {
        int written = jdbc.sql("""
                        insert into inventory.movements (at, sku, delta, reason, reference, actor)
                        select :at, shipped.sku, -shipped.quantity, 'SHIPMENT', :reference, 'system'
                        from unnest(:skus::text[], :quantities::int[]) as shipped (sku, quantity)
                        on conflict (reference, sku) where reason = 'SHIPMENT' do nothing""")
                .param("at", Timestamp.from(at)).param("reference", reference)
                .param("skus", quantities.keySet().stream().map(Sku::value).toArray(String[]::new))
                .param("quantities", quantities.values().toArray(Integer[]::new))
                .update();
        return written > 0;
    }

    List<Movement> page(Sku sku, int limit, long offset) {
        return jdbc.sql("select * from inventory.movements where sku = :sku order by at, id limit :limit offset :offset")
                .param("sku", sku.value()).param("limit", limit).param("offset", offset)
                .query((rs, row) -> new Movement(rs.getTimestamp("at").toInstant(), new Sku(rs.getString("sku")),
                        rs.getInt("delta"), rs.getString("reason"), rs.getString("reference"), rs.getString("actor"),
                        rs.getString("note")))
                .list();
    }

    long count(Sku sku) {
        return jdbc.sql("select count(*) from inventory.movements where sku = :sku").param("sku", sku.value())
                .query(Long.class).single();
    }
}
