package dev.bazaar.psp.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.bazaar.psp.internal.IntentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Walks every (from, to) pair of a sandbox intent's state machine. */
class IntentStatusTests {

    private static final Map<IntentStatus, Set<IntentStatus>> ALLOWED = Map.of(
            PROCESSING, Set.of(SUCCEEDED, FAILED, CANCELED),
            SUCCEEDED, Set.of(CAPTURED, CANCELED),
            FAILED, Set.of(CANCELED),
            CAPTURED, Set.of(CAPTURED),
            CANCELED, Set.of());

    static Stream<Arguments> everyPair() {
        return Arrays.stream(values()).flatMap(from -> Arrays.stream(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheIntentsMovesAreAllowed(IntentStatus from, IntentStatus to) {
        assertThat(from.canTransitionTo(to)).isEqualTo(ALLOWED.get(from).contains(to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void nothingLeavesAFinalState(IntentStatus from, IntentStatus to) {
        if (from.isFinal()) {
            assertThat(from.canTransitionTo(to)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(IntentStatus.class)
    void theWireNameReadsBackAsTheSameStatus(IntentStatus status) {
        assertThat(IntentStatus.ofWireName(status.wireName())).isEqualTo(status);
        assertThat(status.wireName()).isLowerCase();
    }
}
