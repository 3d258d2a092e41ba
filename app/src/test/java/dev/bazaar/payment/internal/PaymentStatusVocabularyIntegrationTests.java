package dev.bazaar.payment.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.payment.RefundStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment module's status enums and their columns' check constraints name the same statuses: the enum is the
 * vocabulary the code writes, the database refuses anything else. A status added on one side only fails here.
 */
@BazaarIntegrationTest
class PaymentStatusVocabularyIntegrationTests {

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPaymentIsStoredInOneOfItsStatuses() {
        assertThat(accepted("payment.payments")).containsExactlyInAnyOrderElementsOf(names(PaymentStatus.values()));
    }

    @Test
    void aCaptureIsStoredInOneOfItsStatuses() {
        assertThat(accepted("payment.captures")).containsExactlyInAnyOrderElementsOf(names(CaptureStatus.values()));
    }

    @Test
    void aRefundIsStoredInOneOfItsStatuses() {
        assertThat(accepted("payment.refunds")).containsExactlyInAnyOrderElementsOf(names(RefundStatus.values()));
    }

    private static List<String> names(Enum<?>[] statuses) {
        return Arrays.stream(statuses).map(Enum::name).toList();
    }

    /** The values the table's {@code check (status in (…))} constraint lists. */
    private List<String> accepted(String table) {
        String definition = jdbc.sql("""
                        select pg_get_constraintdef(oid) from pg_constraint
                        where conrelid = cast(:table as regclass) and contype = 'c'
                          and pg_get_constraintdef(oid) like '%(status = ANY%'""")
                .param("table", table)
                .query(String.class).single();
        return QUOTED.matcher(definition).results().map(match -> match.group(1)).toList();
    }
}
