package dev.bazaar.payment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static dev.bazaar.payment.RefundStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Walks every (from, to) pair of a refund's state machine: recorded, then succeeded, once. */
class RefundStatusTests {

    static Stream<Arguments> everyPair() {
        return Arrays.stream(values()).flatMap(from -> Arrays.stream(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void aPendingRefundCanOnlySucceedAndASucceededOneNeverMoves(RefundStatus from, RefundStatus to) {
        assertThat(from.canTransitionTo(to)).isEqualTo(from == PENDING && to == SUCCEEDED);
    }
}
