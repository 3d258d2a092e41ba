package dev.bazaar.inventory.internal;

import dev.bazaar.inventory.internal.StockLevels.Delta;
import dev.bazaar.shared.ids.Sku;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.bazaar.inventory.internal.ReservationStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Walks every (from, to) pair of a hold's state machine: reserved at checkout, allocated once paid, or released. */
class ReservationStatusTests {

    private static final Map<ReservationStatus, Set<ReservationStatus>> ALLOWED = Map.of(
            RESERVED, Set.of(ALLOCATED, RELEASED),
            ALLOCATED, Set.of(RELEASED),
            RELEASED, Set.of());

    static Stream<Arguments> everyPair() {
        return Arrays.stream(values()).flatMap(from -> Arrays.stream(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheHoldsMovesAreAllowed(ReservationStatus from, ReservationStatus to) {
        assertThat(from.canTransitionTo(to)).isEqualTo(ALLOWED.get(from).contains(to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void nothingLeavesAFinalState(ReservationStatus from, ReservationStatus to) {
        if (from.isFinal()) {
            assertThat(from.canTransitionTo(to)).isFalse();
        }
    }

    @Test
    void releasingAReservedHoldGivesBackReservedStock() {
        var held = new Reservations.Held(new Sku("TEE-M"), 3, 0, RESERVED);

        assertThat(held.release()).isEqualTo(new Delta(new Sku("TEE-M"), 0, -3, 0));
    }

    @Test
    void releasingAnAllocatedHoldGivesBackOnlyWhatHasNotShipped() {
        var held = new Reservations.Held(new Sku("TEE-M"), 3, 2, ALLOCATED);

        assertThat(held.holdsStock()).isTrue();
        assertThat(held.release()).isEqualTo(new Delta(new Sku("TEE-M"), 0, 0, -1));
    }

    @Test
    void aReleasedHoldCannotBeReleasedAgain() {
        var held = new Reservations.Held(new Sku("TEE-M"), 3, 0, RELEASED);

        assertThatIllegalStateException().isThrownBy(held::release);
    }
}
