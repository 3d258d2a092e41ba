package dev.bazaar.payment.internal;

import dev.bazaar.payment.spi.PaymentGateway.Authorization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.bazaar.payment.internal.PaymentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Walks every (from, to) pair of a payment attempt's state machine. */
class PaymentStatusTests {

    private static final Map<PaymentStatus, Set<PaymentStatus>> ALLOWED = Map.of(
            PENDING, Set.of(AUTHORIZED, FAILED, VOIDED),
            AUTHORIZED, Set.of(VOIDED),
            FAILED, Set.of(),
            VOIDED, Set.of());

    static Stream<Arguments> everyPair() {
        return Arrays.stream(values()).flatMap(from -> Arrays.stream(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheTablesMovesAreAllowed(PaymentStatus from, PaymentStatus to) {
        assertThat(from.canTransitionTo(to)).isEqualTo(ALLOWED.get(from).contains(to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void nothingLeavesAFinalState(PaymentStatus from, PaymentStatus to) {
        if (from.isFinal()) {
            assertThat(from.canTransitionTo(to)).isFalse();
        }
    }

    @Test
    void theProvidersDecisionAuthorisesOrFailsAndAVoidAskedForMeanwhileWins() {
        var authorised = new Authorization(true, null);
        var declined = new Authorization(false, "card_declined");

        assertThat(decidedBy(authorised, false)).isEqualTo(AUTHORIZED);
        assertThat(decidedBy(authorised, true)).isEqualTo(VOIDED);
        assertThat(decidedBy(declined, false)).isEqualTo(FAILED);
        assertThat(decidedBy(declined, true)).isEqualTo(FAILED);
    }

    @Test
    void everyDecisionIsAMoveAPendingPaymentMayMake() {
        for (boolean authorized : new boolean[] {true, false}) {
            for (boolean voidRequested : new boolean[] {true, false}) {
                var decision = new Authorization(authorized, authorized ? null : "card_declined");
                assertThat(PENDING.canTransitionTo(decidedBy(decision, voidRequested))).isTrue();
            }
        }
    }
}
