package dev.bazaar.order.internal;

import dev.bazaar.order.OrderCancelled;
import dev.bazaar.order.OrderConfirmed;
import dev.bazaar.order.OrderDelivered;
import dev.bazaar.order.OrderPaymentFailed;
import dev.bazaar.order.OrderPaymentRetried;
import dev.bazaar.order.OrderPlaced;
import dev.bazaar.order.OrderShipped;
import dev.bazaar.order.OrderStatus;
import dev.bazaar.order.PlaceOrder;
import dev.bazaar.order.ShippingAddress;
import dev.bazaar.order.ShippingMethod;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ShipmentId;
import dev.bazaar.shared.ids.UserId;
import dev.bazaar.shared.web.ProblemException;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The order aggregate. Each business act is a method that checks the state machine ({@link OrderStatus}), records
 * the change on the timeline and answers the event to publish with it. There is no other way to change the status.
 */
public class Order {

    private final OrderId id;
    private long number;
    private final UserId customerId;
    private OrderStatus status;
    private final List<OrderLine> lines;
    private final Money shipping;
    private final Money tax;
    private final ShippingAddress address;
    private final ShippingMethod shippingMethod;
    private String paymentToken;
    private final Instant createdAt;
    private final Instant reservationExpiresAt;
    private final List<TimelineEntry> timeline;
    private final int persistedTimelineEntries;

    Order(OrderId id, long number, UserId customerId, OrderStatus status, List<OrderLine> lines, Money shipping,
          Money tax, ShippingAddress address, ShippingMethod shippingMethod, String paymentToken, Instant createdAt,
          Instant reservationExpiresAt, List<TimelineEntry> timeline) {
        this.id = id;
        this.number = number;
        this.customerId = customerId;
        this.status = status;
        this.lines = List.copyOf(lines);
        this.shipping = shipping;
        this.tax = tax;
        this.address = address;
        this.shippingMethod = shippingMethod;
        this.paymentToken = paymentToken;
        this.createdAt = createdAt;
        this.reservationExpiresAt = reservationExpiresAt;
        this.timeline = new ArrayList<>(timeline);
        this.persistedTimelineEntries = timeline.size();
    }

    /** A new order waiting for payment; its stock is reserved until {@code now + reservationTtl}. */
    static Order place(PlaceOrder command, Instant now, Duration reservationTtl) {
        var lines = new ArrayList<OrderLine>();
        for (var line : command.lines()) {
            lines.add(new OrderLine(lines.size() + 1, line.sku(), line.productId(), line.name(), line.unitPrice(), line.quantity()));
        }
        var order = new Order(OrderId.next(), 0, command.customerId(), OrderStatus.PENDING_PAYMENT, lines,
                command.shipping(), command.tax(), command.address(), command.shippingMethod(), command.paymentToken(),
                now, now.plus(reservationTtl), List.of());
        order.timeline.add(new TimelineEntry(1, now, OrderStatus.PENDING_PAYMENT, "Order placed"));
        return order;
    }

    /**
     * The key of the current payment attempt: {@code checkout}, or {@code retry-<n>} after the retry that added
     * timeline entry n. A payment outcome names its attempt, so a late outcome of an earlier attempt is told apart.
     */
    String paymentAttempt() {
        for (int i = timeline.size() - 1; i > 0; i--) {
            if (timeline.get(i).status() == OrderStatus.PENDING_PAYMENT) {
                return "retry-" + timeline.get(i).sequence();
            }
        }
        return "checkout";
    }

    OrderPlaced placed() {
        return new OrderPlaced(id, customerId, number(), total(), 1, createdAt);
    }

    OrderConfirmed confirm(Instant now) {
        var entry = transitionTo(OrderStatus.CONFIRMED, now, "Payment authorised");
        return new OrderConfirmed(id, customerId, entry.sequence(), now);
    }

    OrderPaymentFailed failPayment(String reason, Instant now) {
        var entry = transitionTo(OrderStatus.PAYMENT_FAILED, now, "Payment failed: " + reason);
        return new OrderPaymentFailed(id, customerId, reason, reservationExpiresAt, entry.sequence(), now);
    }

    /**
     * The customer pays again after a failure, with a new token. The reservation is not extended.
     *
     * @throws ProblemException 409 unless the payment failed and the reservation still lives
     */
    OrderPaymentRetried retryPayment(String newToken, Instant now) {
        if (status == OrderStatus.PAYMENT_FAILED && !now.isBefore(reservationExpiresAt)) {
            throw ProblemException.conflict("reservation-expired", "Reservation expired",
                    "The order's reservation expired at " + reservationExpiresAt + "; it will be cancelled.");
        }
        var entry = transitionTo(OrderStatus.PENDING_PAYMENT, now, "Payment retried");
        this.paymentToken = newToken;
        return new OrderPaymentRetried(id, customerId, entry.sequence(), now);
    }

    OrderCancelled cancel(String reason, Instant now) {
        var entry = transitionTo(OrderStatus.CANCELLED, now, reason);
        return new OrderCancelled(id, customerId, reason, entry.sequence(), now);
    }

    OrderShipped ship(ShipmentId shipment, String carrier, String trackingNumber, boolean everythingShipped, Instant now) {
        var next = everythingShipped ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED;
        var entry = transitionTo(next, now, "Shipped with " + carrier + ", tracking " + trackingNumber);
        return new OrderShipped(id, customerId, shipment, carrier, trackingNumber, next, entry.sequence(), now);
    }

    OrderDelivered deliver(Instant now) {
        var entry = transitionTo(OrderStatus.DELIVERED, now, "Delivered");
        return new OrderDelivered(id, customerId, entry.sequence(), now);
    }

    boolean reservationExpiredAt(Instant now) {
        return status.awaitsPayment() && !now.isBefore(reservationExpiresAt);
    }

    private TimelineEntry transitionTo(OrderStatus next, Instant now, @Nullable String note) {
        if (!status.canTransitionTo(next)) {
            throw new IllegalTransition(status, next);
        }
        status = next;
        var entry = new TimelineEntry(timeline.size() + 1, now, next, note);
        timeline.add(entry);
        return entry;
    }

    void numbered(long number) {
        this.number = number;
    }

    public OrderId id() {
        return id;
    }

    public String number() {
        return "BZ-" + number;
    }

    long rawNumber() {
        return number;
    }

    public UserId customerId() {
        return customerId;
    }

    public OrderStatus status() {
        return status;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public Money subtotal() {
        return lines.stream().map(OrderLine::lineTotal).reduce(Money::plus).orElse(Money.zero(shipping.currency()));
    }

    public Money shipping() {
        return shipping;
    }

    public Money tax() {
        return tax;
    }

    public Money total() {
        return subtotal().plus(shipping).plus(tax);
    }

    public ShippingAddress address() {
        return address;
    }

    public ShippingMethod shippingMethod() {
        return shippingMethod;
    }

    public String paymentToken() {
        return paymentToken;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant reservationExpiresAt() {
        return reservationExpiresAt;
    }

    public List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }

    /** Timeline entries added since the order was loaded: what saving must insert. */
    List<TimelineEntry> newTimelineEntries() {
        return timeline.subList(persistedTimelineEntries, timeline.size());
    }
}
