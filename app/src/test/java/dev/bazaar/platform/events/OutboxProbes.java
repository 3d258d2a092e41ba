package dev.bazaar.platform.events;

import dev.bazaar.shared.ids.OrderId;
import org.springframework.jdbc.datasource.DataSourceUtils;
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

    /** Delivered to a listener outside a transaction that ends with a write in {@link ListenerTransactions#finish}. */
    public record ProbeFinishingInTransaction(String id, boolean fail) {
    }

    /** Delivered to a listener that fails its first {@code failing} runs, then succeeds; it names an order, as most events do. */
    public record FailingProbe(String id, OrderId orderId, int failing) {
    }

    private final DataSource dataSource;
    private final ListenerTransactions transactions;
    private final Map<String, Integer> leftAtCommit = new ConcurrentHashMap<>();
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();
    private final Map<String, String> commitModes = new ConcurrentHashMap<>();

    OutboxProbes(DataSource dataSource, ListenerTransactions transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    @ApplicationModuleListener(id = "test.outbox-probe")
    void on(Probe probe) {
        runs.merge(probe.id(), 1, Integer::sum);
        noteAtCommitOrFail(probe.id(), probe.fail());
    }

    @ApplicationModuleListener(id = "test.outbox-probe-finishing", propagation = Propagation.NOT_SUPPORTED)
    void on(ProbeFinishingInTransaction probe) {
        runs.merge(probe.id(), 1, Integer::sum);
        transactions.finish(() -> noteAtCommitOrFail(probe.id(), probe.fail()));
    }

    private void noteAtCommitOrFail(String id, boolean fail) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                // after the outbox's own beforeCommit, enlisted when the transaction began
                commitModes.put(id, commitModeOfThisTransaction());
            }

            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    leftAtCommit.put(id, publicationsOf(id));
                }
            }
        });
        if (fail) {
            throw new IllegalStateException("probe " + id + " fails, as asked");
        }
    }

    @ApplicationModuleListener(id = "test.outbox-probe-failing")
    void on(FailingProbe probe) {
        if (runs.merge(probe.id(), 1, Integer::sum) <= probe.failing()) {
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

    /**
     * How the listener's transaction commits, as PostgreSQL sees it just before the commit: {@code synchronous_commit} and where
     * its value came from ({@code session} for a {@code SET}; the test server itself runs with it off on the command line).
     */
    public String commitMode(String id) {
        return commitModes.get(id);
    }

    /** The same for the caller's transaction, on the connection bound to it. */
    public String commitModeOfThisTransaction() {
        var connection = DataSourceUtils.getConnection(dataSource);
        try (var statement = connection.prepareStatement("select setting || ' ' || source from pg_settings where name = 'synchronous_commit'");
             var result = statement.executeQuery()) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
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
