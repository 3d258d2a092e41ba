package dev.bazaar.order.internal;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.identity.Role;
import dev.bazaar.inventory.StockLine;
import dev.bazaar.inventory.StockReservations;
import dev.bazaar.order.OrderEvent;
import dev.bazaar.order.OrderStatus;
import dev.bazaar.order.PlaceOrder;
import dev.bazaar.payment.Payments;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads an order, makes one move on it, saves it and publishes the move's event, all in one transaction with
 * whatever the move asks of inventory. Placement and cancellation live here; the saga's moves build on {@link #apply}.
 */
@Service
public class OrderLifecycle {

    private final Orders orders;
    private final OrderSummaries summaries;
    private final StockReservations stock;
    private final Payments payments;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration reservationTtl;

    OrderLifecycle(Orders orders, OrderSummaries summaries, StockReservations stock, Payments payments,
                   ApplicationEventPublisher events, Clock clock, @Value("${bazaar.reservation-ttl}") Duration reservationTtl) {
        this.orders = orders;
        this.summaries = summaries;
        this.stock = stock;
        this.payments = payments;
        this.events = events;
        this.clock = clock;
        this.reservationTtl = reservationTtl;
    }

    /**
     * Places the order, records its payment attempt and reserves its stock. The stock rows are touched last, right
     * before commit, so a hot SKU's row stays locked as briefly as possible.
     *
     * @throws ProblemException 422 {@code /order-total-too-large} when the Payment System would refuse the total
     */
    @Transactional
    public Order place(PlaceOrder command) {
        var order = Order.place(command, clock.instant(), reservationTtl);
        refuseUnpayable(order);
        orders.add(order);
        summaries.rememberOnCommit(order);
        events.publishEvent(order.placed());
        payments.authorize(order.id(), order.total(), order.paymentToken(), order.paymentAttempt());
        stock.reserve(order.id(), order.lines().stream().map(l -> new StockLine(l.sku(), l.quantity())).toList(),
                order.reservationExpiresAt());
        return order;
    }

    /**
     * An order above what the Payment System takes in one payment would wait for a payment that can never come, and
     * hold its stock until its reservation expires.
     */
    private void refuseUnpayable(Order order) {
        Money largest = payments.largestPayment(order.total().currency());
        if (order.total().isGreaterThan(largest)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "order-total-too-large", "Order total too large",
                    "The order's total of " + order.total() + " is more than the Payment System takes in one payment ("
                            + largest + "); buy fewer items at once.", Map.of("maximum", largest));
        }
    }

    /** Cancels at the caller's request: the owner or an admin, before anything has shipped. */
    @Transactional
    public Order cancel(OrderId id, CurrentUser caller) {
        var order = orders.lock(id).filter(o -> o.customerId().equals(caller.id()) || caller.has(Role.ADMIN))
                .orElseThrow(() -> ProblemException.notFound("Order " + id));
        String reason = caller.has(Role.ADMIN) && !order.customerId().equals(caller.id())
                ? "Cancelled by an administrator" : "Cancelled by the customer";
        return cancel(order, reason);
    }

    /**
     * The owner pays again after a failure, with a new token, while the reservation lives.
     *
     * @throws ProblemException 404 for another customer's order; 409 unless the payment failed and the reservation lives
     */
    @Transactional
    public Order retryPayment(OrderId id, CurrentUser caller, String paymentToken) {
        var order = orders.lock(id).filter(o -> o.customerId().equals(caller.id()))
                .orElseThrow(() -> ProblemException.notFound("Order " + id));
        publish(order.retryPayment(paymentToken, clock.instant()));
        orders.save(order);
        payments.authorize(id, order.total(), paymentToken, order.paymentAttempt());
        return order;
    }

    /**
     * The payment attempt was declined: the order waits for a retry (unless it moved on meanwhile, or the attempt is
     * not its current one).
     */
    @Transactional
    public void paymentFailed(OrderId id, String attempt, String reason) {
        var order = orders.lock(id).orElseThrow();
        if (order.status() == OrderStatus.PENDING_PAYMENT && order.paymentAttempt().equals(attempt)) {
            publish(order.failPayment(reason, clock.instant()));
            orders.save(order);
        }
    }

    /** Cancels an unpaid order whose reservation has expired; false if it was paid or cancelled meanwhile. */
    @Transactional
    public boolean expire(OrderId id) {
        var order = orders.lock(id).orElseThrow();
        if (!order.reservationExpiredAt(clock.instant())) {
            return false;
        }
        cancel(order, "Reservation expired before payment");
        return true;
    }

    private Order cancel(Order order, String reason) {
        publish(order.cancel(reason, clock.instant()));
        orders.save(order);
        stock.release(order.id());
        payments.voidAuthorization(order.id());
        return order;
    }

    /**
     * The payment was authorised: the reservation becomes an allocation and the order is confirmed. Idempotent.
     *
     * An authorisation of an attempt that is not the order's current one changes nothing.
     *
     * @return false when the order can no longer be confirmed (cancelled, its reservation gone): the money must go back
     */
    @Transactional
    public boolean confirmPaid(OrderId id, String attempt) {
        var order = orders.lock(id).orElseThrow(() -> ProblemException.notFound("Order " + id));
        if (!order.paymentAttempt().equals(attempt)) {
            return true;
        }
        return switch (order.status()) {
            case CONFIRMED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED -> true;
            case PAYMENT_FAILED, CANCELLED -> false;
            case PENDING_PAYMENT -> {
                if (!stock.allocate(id)) {
                    yield false;
                }
                publish(order.confirm(clock.instant()));
                orders.save(order);
                yield true;
            }
        };
    }

    /** One move on a locked order, saved with its event. */
    @Transactional
    public <E extends OrderEvent> Order apply(OrderId id, Function<Order, E> move) {
        var order = orders.lock(id).orElseThrow(() -> ProblemException.notFound("Order " + id));
        publish(move.apply(order));
        orders.save(order);
        return order;
    }

    private void publish(OrderEvent event) {
        events.publishEvent(event);
    }
}
