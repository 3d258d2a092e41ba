package dev.bazaar.order;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.bazaar.order.OrderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Walks every (from, to) pair of the state machine against the journey in ARCHITECTURE.md. */
class OrderStatusTests {

    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
            PENDING_PAYMENT, Set.of(CONFIRMED, PAYMENT_FAILED, CANCELLED),
            PAYMENT_FAILED, Set.of(PENDING_PAYMENT, CANCELLED),
            CONFIRMED, Set.of(PARTIALLY_SHIPPED, SHIPPED, CANCELLED),
            PARTIALLY_SHIPPED, Set.of(PARTIALLY_SHIPPED, SHIPPED),
            SHIPPED, Set.of(DELIVERED),
            DELIVERED, Set.of(),
            CANCELLED, Set.of());

    static Stream<Arguments> everyPair() {
        return Arrays.stream(values()).flatMap(from -> Arrays.stream(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheJourneysMovesAreAllowed(OrderStatus from, OrderStatus to) {
        assertThat(from.canTransitionTo(to)).isEqualTo(ALLOWED.get(from).contains(to));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPair")
    void nothingLeavesAFinalState(OrderStatus from, OrderStatus to) {
        if (from.isFinal()) {
            assertThat(from.canTransitionTo(to)).isFalse();
        }
    }
}
