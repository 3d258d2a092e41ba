package dev.bazaar.payment.internal;

import dev.bazaar.TestApi;
import dev.bazaar.psp.internal.PspSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What happens at the sandbox Payment System behind the shop's back, and how often the shop called it. */
class AtTheProvider {

    private final TestApi psp;
    private final DataSource dataSource;
    private final MeterRegistry meters;

    AtTheProvider(TestApi api, PspSettings settings, DataSource dataSource, MeterRegistry meters) {
        this.psp = api.with("Authorization", "Bearer " + settings.apiKey());
        this.dataSource = dataSource;
        this.meters = meters;
    }

    /** Someone cancels the authorisation at the provider (in its dashboard, say): it refuses to capture it from now on. */
    void cancel(String intent) {
        var cancelled = psp.with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/psp/v1/payment_intents/" + intent + "/cancel", Map.of());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    }

    /**
     * Holds the provider's row of this intent until closed: every call about it waits for the lock, runs into the lock
     * timeout and is answered {@code 503} (busy), as a provider under trouble answers.
     */
    Busy busyWith(String intent) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (var lock = connection.prepareStatement("select 1 from psp.intents where id = ? for update")) {
            lock.setString(1, intent);
            lock.executeQuery();
        }
        return new Busy(connection);
    }

    record Busy(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }

    /** How often the shop called the provider's operation (answered or not), e.g. {@code capture}, {@code refunds}. */
    long calls(String operation) {
        return meters.find("http.client.requests").tag("uri", "/psp/v1/payment_intents/{id}/" + operation).timers()
                .stream().mapToLong(Timer::count).sum();
    }
}
