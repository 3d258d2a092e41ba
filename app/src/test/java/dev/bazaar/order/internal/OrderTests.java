package dev.bazaar.order.internal;

import dev.bazaar.order.OrderStatus;
import dev.bazaar.order.PlaceOrder;
import dev.bazaar.order.ShippingAddress;
import dev.bazaar.order.ShippingMethod;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.ShipmentId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.ids.UserId;
import dev.bazaar.shared.web.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aggregate keeps its journey: each move is on the timeline, an illegal one changes nothing. */
class OrderTests {

    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

    static Order newOrder(Instant now) {
        var command = new PlaceOrder(UserId.next(),
                List.of(new PlaceOrder.Line(new Sku("TEE-M"), ProductId.next(), "Tee", Money.euros("19.99"), 3),
                        new PlaceOrder.Line(new Sku("MUG"), ProductId.next(), "Mug", Money.euros("7.50"), 1)),
                Money.euros("4.90"), Money.euros("14.57"),
                new ShippingAddress("Ada", "1 Main St", null, "Berlin", "10115", "DE"), ShippingMethod.STANDARD, "tok_visa");
        return Order.place(command, now, Duration.ofMinutes(15));
    }

    @Test
    void totalsAreExactAndAddUp() {
        var order = newOrder(now);
        assertThat(order.subtotal()).isEqualTo(Money.euros("67.47"));
        assertThat(order.total()).isEqualTo(Money.euros("86.94"));
        assertThat(order.reservationExpiresAt()).isEqualTo(now.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aPaidAndShippedOrderHasItsWholeJourneyOnTheTimeline() {
        var order = newOrder(now);
        order.failPayment("card_declined", now.plusSeconds(1));
        order.retryPayment("tok_visa", now.plusSeconds(2));
        order.confirm(now.plusSeconds(3));
        order.ship(ShipmentId.next(), "DHL", "T1", false, now.plusSeconds(4));
        var last = order.ship(ShipmentId.next(), "DHL", "T2", true, now.plusSeconds(5));
        order.deliver(now.plusSeconds(6));

        assertThat(last.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.timeline()).extracting(TimelineEntry::status).containsExactly(
                OrderStatus.PENDING_PAYMENT, OrderStatus.PAYMENT_FAILED, OrderStatus.PENDING_PAYMENT,
                OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
        assertThat(order.timeline()).extracting(TimelineEntry::sequence).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void anIllegalMoveIsRefusedAndChangesNothing() {
        var order = newOrder(now);
        order.confirm(now);
        order.ship(ShipmentId.next(), "DHL", "T1", false, now);

        assertThatThrownBy(() -> order.cancel("too late", now))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status().value()).isEqualTo(409));
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(order.timeline()).hasSize(3);
    }

    @Test
    void aRetryAfterTheReservationExpiredIsRefused() {
        var order = newOrder(now);
        order.failPayment("card_declined", now.plusSeconds(1));
        assertThatThrownBy(() -> order.retryPayment("tok_visa", now.plus(Duration.ofMinutes(16))))
                .isInstanceOf(ProblemException.class);
        assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
    }

    @Test
    void eachPaymentRetryIsANewAttemptNamedByItsTimelineEntry() {
        var order = newOrder(now);
        assertThat(order.paymentAttempt()).isEqualTo("checkout");
        order.failPayment("card_declined", now.plusSeconds(1));
        assertThat(order.paymentAttempt()).isEqualTo("checkout");

        order.retryPayment("tok_visa", now.plusSeconds(2));
        assertThat(order.paymentAttempt()).isEqualTo("retry-3");
        order.failPayment("card_declined", now.plusSeconds(3));
        order.retryPayment("tok_visa", now.plusSeconds(4));
        order.confirm(now.plusSeconds(5));
        assertThat(order.paymentAttempt()).isEqualTo("retry-5");
    }
}
