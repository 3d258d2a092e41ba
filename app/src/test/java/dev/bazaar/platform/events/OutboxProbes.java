package dev.bazaar.platform.events;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test listeners of the outbox: each notes, the moment its own transaction has committed, how many of its
 * publications were still in the outbox. Probes are named by a fresh id, so tests never see each other's.
 */
@Component
public class OutboxProbes {

    /** Delivered to a listener with a transaction of its own; {@code fail} makes the listener throw. */
    public record Probe(String id, boolean fail) {
    }

    /** Delivered to a listener that runs outside a transaction, as the Payment System's callers do. */
    public record ProbeOutsideTransaction(String id) {
    }

    private final DataSource dataSource;
    private final Map<String, Integer> leftAtCommit = new ConcurrentHashMap<>();
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();

    OutboxProbes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @ApplicationModuleListener(id = "test.outbox-probe")
    void on(Probe probe) {
        runs.merge(probe.id(), 1, Integer::sum);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    leftAtCommit.put(probe.id(), publicationsOf(probe.id()));
                }
            }
        });
        if (probe.fail()) {
            throw new IllegalStateException("probe " + probe.id() + " fails, as asked");
        }
    }

    @ApplicationModuleListener(id = "test.outbox-probe-outside", propagation = Propagation.NOT_SUPPORTED)
    void on(ProbeOutsideTransaction probe) {
        runs.merge(probe.id(), 1, Integer::sum);
    }

    public int runs(String id) {
        return runs.getOrDefault(id, 0);
    }

    /** Publications of the probe still in the outbox when its listener's transaction had committed (null: not yet). */
    public Integer leftAtCommit(String id) {
        return leftAtCommit.get(id);
    }

    /** Counted on a connection of its own, outside whatever transaction the caller is in. */
    public int publicationsOf(String id) {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement(
                     "select count(*) from events.event_publication where serialized_event like '%' || ? || '%'")) {
            statement.setString(1, id);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
