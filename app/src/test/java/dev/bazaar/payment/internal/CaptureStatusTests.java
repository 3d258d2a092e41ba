package dev.bazaar.payment.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static dev.bazaar.payment.internal.CaptureStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Walks every (from, to) pair of a capture's state machine: asked for, then done, once. */
class CaptureStatusTests {

    static Stream<Arguments> everyPair() {
        return Arrays.stream(values()).flatMap(from -> Arrays.stream(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void aPendingCaptureCanOnlyBeDoneAndADoneOneNeverMoves(CaptureStatus from, CaptureStatus to) {
        assertThat(from.canTransitionTo(to)).isEqualTo(from == PENDING && to == DONE);
    }
}
