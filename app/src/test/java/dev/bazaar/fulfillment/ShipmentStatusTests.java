package dev.bazaar.fulfillment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.bazaar.fulfillment.ShipmentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Walks every (from, to) pair of a shipment's state machine: shipped, then delivered. */
class ShipmentStatusTests {

    private static final Map<ShipmentStatus, Set<ShipmentStatus>> ALLOWED = Map.of(
            SHIPPED, Set.of(DELIVERED),
            DELIVERED, Set.of());

    static Stream<Arguments> everyPair() {
        return Arrays.stream(values()).flatMap(from -> Arrays.stream(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheShipmentsMovesAreAllowed(ShipmentStatus from, ShipmentStatus to) {
        assertThat(from.canTransitionTo(to)).isEqualTo(ALLOWED.get(from).contains(to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void nothingLeavesAFinalState(ShipmentStatus from, ShipmentStatus to) {
        if (from.isFinal()) {
            assertThat(from.canTransitionTo(to)).isFalse();
        }
    }

    @Test
    void aDeliveredShipmentCannotBeDeliveredAgain() {
        assertThatIllegalStateException().isThrownBy(() -> DELIVERED.requireTransitionTo(DELIVERED));
    }
}
