package dev.bazaar.payment;

import dev.bazaar.payment.internal.OverdueAuthorizations;
import dev.bazaar.payment.internal.Payment;
import dev.bazaar.payment.internal.PaymentRecords;
import dev.bazaar.payment.internal.PaymentStatus;
import dev.bazaar.payment.internal.PaymentRequests.AuthorizationRequested;
import dev.bazaar.payment.internal.PaymentRequests.CaptureRequested;
import dev.bazaar.payment.internal.PaymentRequests.RefundRequested;
import dev.bazaar.payment.internal.PaymentRequests.VoidRequested;
import dev.bazaar.payment.spi.PaymentGateway;
import dev.bazaar.platform.payments.PaymentSystem;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.PaymentId;
import dev.bazaar.shared.ids.RefundId;
import dev.bazaar.shared.ids.TimeOrderedIds;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Payments for orders. Writing methods record the decision in the caller's transaction and leave the provider call
 * to after commit (never inside a transaction), so a crash or an outage delays a payment step but never loses it
 * or runs it twice.
 */
@Service
public class Payments {

    private final PaymentRecords records;
    private final ApplicationEventPublisher events;
    private final OverdueAuthorizations overdue;
    private final PaymentGateway gateway;
    private final PaymentSystem system;
    private final Clock clock;

    Payments(PaymentRecords records, ApplicationEventPublisher events, OverdueAuthorizations overdue,
             PaymentGateway gateway, PaymentSystem system, Clock clock) {
        this.records = records;
        this.events = events;
        this.overdue = overdue;
        this.gateway = gateway;
        this.system = system;
        this.clock = clock;
    }

    /**
     * The most the Payment System authorises in one payment; an order above it could never be paid.
     *
     * @throws ProblemException 503 {@code /payments-unavailable} when the shop runs without a Payment System: checkout
     *                          asks this before it writes anything, so the cart is kept
     */
    public Money largestPayment(Currency currency) {
        requireAvailable();
        return gateway.largestPayment(currency);
    }

    /**
     * Asks the provider for the outcome of the order's authorisation when its event is overdue, and decides the
     * payment by the answer as the event would have (which then tells the order). Calls the provider, so it must
     * not run inside a transaction.
     */
    @Transactional(propagation = Propagation.NEVER)
    public void askProviderIfOverdue(OrderId order) {
        overdue.askAbout(order.value());
    }

    /**
     * Starts authorising {@code amount} with the token. Idempotent per {@code (order, attemptKey)}.
     *
     * @throws ProblemException 503 {@code /payments-unavailable} without a Payment System (the caller's transaction
     *                          then rolls back: a payment retry changes nothing)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void authorize(OrderId order, Money amount, String paymentToken, String attemptKey) {
        requireAvailable();
        var payment = Payment.begin(TimeOrderedIds.next(), order.value(), attemptKey, amount, paymentToken, clock.instant());
        if (records.add(payment)) {
            events.publishEvent(new AuthorizationRequested(payment.id()));
        }
    }

    /** Captures part of the order's authorisation for a shipment ({@code reference}); idempotent per reference. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void capture(OrderId order, Money amount, String reference) {
        var payment = records.lockLatest(order.value()).filter(Payment::capturable)
                .orElseThrow(() -> new IllegalStateException("order " + order + " has no authorised payment to capture"));
        if (records.addCapture(reference, payment.id(), amount, clock.instant())) {
            events.publishEvent(new CaptureRequested(reference));
        }
    }

    /** Makes sure the customer is not charged: voids the authorisation now, or as soon as a pending one arrives. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void voidAuthorization(OrderId order) {
        records.lockLatest(order.value()).ifPresent(payment -> {
            switch (payment.voidStep()) {
                case VOID_NOW -> {
                    records.move(payment, payment.voided());
                    events.publishEvent(new VoidRequested(payment.id()));
                    events.publishEvent(new PaymentVoided(order, clock.instant()));
                }
                case VOID_WHEN_DECIDED -> records.requestVoid(payment.id());
                case NOTHING_TO_VOID -> {
                    // failed or voided already: nothing to give back
                }
            }
        });
    }

    /**
     * Refunds part of what was captured.
     *
     * @throws ProblemException 404 when the order has no payment; 400 for a non-positive amount or another currency;
     *                          409 {@code /refund-exceeds-captured} above captured minus refunded; 503
     *                          {@code /payments-unavailable} without a Payment System to send the money back through
     */
    @Transactional
    public RefundView refund(OrderId order, Money amount, String reason) {
        requireAvailable();
        var payment = records.lockLatest(order.value()).orElseThrow(() -> ProblemException.notFound("Order " + order));
        if (!amount.isPositive() || !amount.currency().equals(payment.amount().currency())) {
            throw ProblemException.badRequest("refund-amount", "A refund must be a positive amount in "
                    + payment.amount().currency() + ".");
        }
        // every payment has totals (zero until something is captured), so the map has this one
        var totals = Objects.requireNonNull(records.totals(List.of(payment.id())).get(payment.id()));
        BigDecimal refundable = totals.captured().subtract(totals.refunded());
        if (amount.amount().compareTo(refundable) > 0) {
            throw ProblemException.conflict("refund-exceeds-captured", "Refund exceeds what was captured",
                    "At most " + new Money(refundable, amount.currency()) + " can be refunded.");
        }
        var id = RefundId.next();
        records.addRefund(id.value(), payment.id(), amount, reason, clock.instant());
        events.publishEvent(new RefundRequested(id.value()));
        return view(records.refund(id.value()).orElseThrow());
    }

    /**
     * With {@code BAZAAR_PSP=off} nothing can be paid: refused before anything is written, rather than taking orders
     * that wait for a payment that cannot come.
     */
    private void requireAvailable() {
        if (!system.available()) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "payments-unavailable", "Payments unavailable",
                    "This shop takes no payments at the moment; the cart is kept, try again later.");
        }
    }

    public Optional<PaymentView> find(OrderId order) {
        return Optional.ofNullable(find(List.of(order)).get(order));
    }

    /** The current payments of many orders in one query (for pages of orders). */
    public Map<OrderId, PaymentView> find(Collection<OrderId> orders) {
        if (orders.isEmpty()) {
            return Map.of();
        }
        var views = new HashMap<OrderId, PaymentView>();
        records.latestWithTotals(orders.stream().map(OrderId::value).toList())
                .forEach((order, latest) -> views.put(new OrderId(order), view(latest.payment(), latest.totals())));
        return views;
    }

    public List<RefundView> refunds(OrderId order) {
        return records.refundsOf(order.value()).stream().map(Payments::view).toList();
    }

    private static PaymentView view(Payment payment, PaymentRecords.Totals totals) {
        var currency = payment.amount().currency();
        Money zero = Money.zero(currency);
        Money captured = new Money(totals.captured(), currency);
        Money refunded = new Money(totals.refunded(), currency);
        boolean authorised = payment.status() == PaymentStatus.AUTHORIZED || payment.status() == PaymentStatus.VOIDED;
        PaymentView.Status status = switch (payment.status()) {
            case PENDING -> PaymentView.Status.PENDING;
            case FAILED -> PaymentView.Status.FAILED;
            case VOIDED -> PaymentView.Status.VOIDED;
            case AUTHORIZED -> refunded.isPositive()
                    ? (refunded.equals(captured) && captured.equals(payment.amount())
                    ? PaymentView.Status.REFUNDED : PaymentView.Status.PARTIALLY_REFUNDED)
                    : captured.equals(payment.amount()) ? PaymentView.Status.CAPTURED : PaymentView.Status.AUTHORIZED;
        };
        return new PaymentView(new PaymentId(payment.id()), status, authorised ? payment.amount() : zero, captured,
                refunded, payment.intentId(), payment.failureCode());
    }

    private static RefundView view(PaymentRecords.Refund refund) {
        return new RefundView(new RefundId(refund.id()), new OrderId(refund.orderId()), refund.amount(), refund.reason(),
                refund.status(), refund.createdAt());
    }
}
