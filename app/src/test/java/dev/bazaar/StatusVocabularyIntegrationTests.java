package dev.bazaar;

import dev.bazaar.fulfillment.ShipmentStatus;
import dev.bazaar.inventory.internal.ReservationStatus;
import dev.bazaar.payment.RefundStatus;
import dev.bazaar.payment.internal.CaptureStatus;
import dev.bazaar.payment.internal.PaymentStatus;
import dev.bazaar.psp.internal.IntentStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each status enum and its column's check constraint name the same statuses: the enum is the vocabulary the code
 * writes, the database refuses anything else.
 */
@BazaarIntegrationTest
class StatusVocabularyIntegrationTests {

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReservationIsStoredInOneOfItsStatuses() {
        assertThat(accepted("inventory.reservations", "status")).containsExactlyInAnyOrderElementsOf(names(ReservationStatus.values()));
    }

    @Test
    void aShipmentIsStoredInOneOfItsStatuses() {
        assertThat(accepted("fulfillment.shipments", "status")).containsExactlyInAnyOrderElementsOf(names(ShipmentStatus.values()));
    }

    @Test
    void aPaymentIsStoredInOneOfItsStatuses() {
        assertThat(accepted("payment.payments", "status")).containsExactlyInAnyOrderElementsOf(names(PaymentStatus.values()));
    }

    @Test
    void aCaptureIsStoredInOneOfItsStatuses() {
        assertThat(accepted("payment.captures", "status")).containsExactlyInAnyOrderElementsOf(names(CaptureStatus.values()));
    }

    @Test
    void aRefundIsStoredInOneOfItsStatuses() {
        assertThat(accepted("payment.refunds", "status")).containsExactlyInAnyOrderElementsOf(names(RefundStatus.values()));
    }

    @Test
    void anIntentStoresWhatRequestsMadeOfItAndItsOutcome() {
        assertThat(accepted("psp.intents", "status")).containsExactlyInAnyOrderElementsOf(
                Stream.of(IntentStatus.PROCESSING, IntentStatus.CAPTURED, IntentStatus.CANCELED).map(IntentStatus::wireName).toList());
        assertThat(accepted("psp.intents", "outcome")).containsExactlyInAnyOrderElementsOf(
                Stream.of(IntentStatus.SUCCEEDED, IntentStatus.FAILED).map(IntentStatus::wireName).toList());
    }

    private static List<String> names(Enum<?>[] statuses) {
        return Arrays.stream(statuses).map(Enum::name).toList();
    }

    /** The values a column's {@code check (column in (…))} constraint lists. */
    private List<String> accepted(String table, String column) {
        String definition = jdbc.sql("""
                        select pg_get_constraintdef(oid) from pg_constraint
                        where conrelid = cast(:table as regclass) and contype = 'c'
                          and pg_get_constraintdef(oid) like '%(' || :column || ' = ANY%'""")
                .param("table", table).param("column", column)
                .query(String.class).single();
        return QUOTED.matcher(definition).results().map(match -> match.group(1)).toList();
    }
}
