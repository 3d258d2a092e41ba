package dev.bazaar.payment.internal;

import dev.bazaar.payment.PaymentCaptured;
import dev.bazaar.payment.PaymentRefunded;
import dev.bazaar.payment.internal.PaymentRequests.AuthorizationRequested;
import dev.bazaar.payment.internal.PaymentRequests.CaptureRequested;
import dev.bazaar.payment.internal.PaymentRequests.RefundRequested;
import dev.bazaar.payment.internal.PaymentRequests.VoidRequested;
import dev.bazaar.payment.spi.PaymentGateway;
import dev.bazaar.platform.events.ListenerTransactions;
import dev.bazaar.platform.work.FailedWork;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.PaymentId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import java.time.Clock;
import java.util.UUID;

/**
 * Calls the provider after the decision to do so has committed. No transaction is open during a call; a failed call
 * throws, so its event publication stays incomplete and is resubmitted later, except where a method says otherwise
 * (refused captures and failed refunds are counted in {@link FailedWork}, and jobs of their own try them again). What
 * a call's answer changes is written in one transaction with the publication's completion. Every call carries an
 * idempotency key derived from what it is for, so a repeated call changes nothing at the provider.
 */
@Component
class ProviderCalls {

    /** The kinds of {@link FailedWork} a capture and a refund that failed are counted as. */
    static final String CAPTURE = "capture";
    static final String REFUND = "refund";
    private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);

    private final PaymentRecords records;
    private final PaymentGateway gateway;
    private final ApplicationEventPublisher events;
    private final ListenerTransactions transactions;
    private final FailedWork failures;
    private final Clock clock;

    ProviderCalls(PaymentRecords records, PaymentGateway gateway, ApplicationEventPublisher events,
                  ListenerTransactions transactions, FailedWork failures, Clock clock) {
        this.records = records;
        this.gateway = gateway;
        this.events = events;
        this.transactions = transactions;
        this.failures = failures;
        this.clock = clock;
        failures.watch(CAPTURE);
        failures.watch(REFUND);
    }

    @ApplicationModuleListener(id = "payment.create-intent", propagation = Propagation.NOT_SUPPORTED)
    void on(AuthorizationRequested request) {
        var payment = records.find(request.paymentId()).orElseThrow();
        if (!payment.awaitsIntent()) {
            return;
        }
        if (payment.voidRequested()) {
            records.move(payment, payment.voided());
            return;
        }
        String intent = gateway.authorize("auth:" + payment.id(), new OrderId(payment.orderId()), new PaymentId(payment.id()),
                payment.amount(), payment.token());
        transactions.finish(() -> records.setIntent(payment.id(), intent));
    }

    /**
     * A capture the provider refuses is parked at once (kind {@value #CAPTURE}): asked again, it would refuse again,
     * and the outbox would redeliver it for ever. Its publication completes; {@link RefusedCaptures} asks again once
     * an admin retries it. Any other failure throws, and the outbox redelivers it.
     */
    @ApplicationModuleListener(id = "payment.capture", propagation = Propagation.NOT_SUPPORTED)
    void on(CaptureRequested request) {
        capture(request.reference());
    }

    /** Asks the provider for a recorded capture. @return false when the provider refused it, which is now parked */
    boolean capture(String reference) {
        var capture = records.capture(reference).orElseThrow();
        if (capture.done()) {
            return true;
        }
        var payment = records.find(capture.paymentId()).orElseThrow();
        var amount = new Money(capture.amount(), payment.amount().currency());
        try {
            gateway.capture("capture:" + capture.reference(), payment.intentId(), amount);
        } catch (PaymentGateway.Refused refused) {
            failures.park(CAPTURE, reference, payment.orderId().toString(), refused);
            return false;
        }
        transactions.finish(() -> {
            if (records.captureDone(capture.reference())) {
                events.publishEvent(new PaymentCaptured(new OrderId(payment.orderId()), amount, capture.reference(), clock.instant()));
            }
        });
        return true;
    }

    @ApplicationModuleListener(id = "payment.void", propagation = Propagation.NOT_SUPPORTED)
    void on(VoidRequested request) {
        var payment = records.find(request.paymentId()).orElseThrow();
        if (payment.intentId() != null) {
            gateway.cancel("void:" + payment.id(), payment.intentId());
        }
    }

    /**
     * A refund that fails is counted (kind {@value #REFUND}) instead of thrown, so that {@link StalledRefunds} is the
     * one way it is tried again, after its back-off. A refusal is counted alike, not parked at once: a refund is
     * refused while the capture it gives back has not reached the provider yet, which time changes.
     */
    @ApplicationModuleListener(id = "payment.refund", propagation = Propagation.NOT_SUPPORTED)
    void on(RefundRequested request) {
        try {
            refund(request.refundId());
        } catch (RuntimeException e) {
            refundFailed(request.refundId(), e);
        }
    }

    /** Asks the provider for a recorded refund; also how the stalled-refund job retries. */
    void refund(UUID refundId) {
        var refund = records.refund(refundId).orElseThrow();
        if (!refund.awaitsProvider()) {
            return;
        }
        var payment = records.find(refund.paymentId()).orElseThrow();
        gateway.refund("refund:" + refund.id(), payment.intentId(), refund.amount());
        transactions.finish(() -> {
            if (records.refundDone(refund.id())) {
                events.publishEvent(new PaymentRefunded(new OrderId(payment.orderId()), refund.amount(), refund.reason(),
                        clock.instant()));
            }
        });
    }

    /** Counts a failed refund against its back-off (parked after too many); the refund stays pending. */
    void refundFailed(UUID refundId, RuntimeException failure) {
        String order = records.refund(refundId).map(refund -> refund.orderId().toString()).orElse(null);
        var counted = failures.record(REFUND, refundId.toString(), order, null, failure);
        log.warn("Refund {} failed (attempt {}{}): {}", refundId, counted.attempts(), counted.parked() ? ", parked" : "",
                FailedWork.reasonOf(failure));
    }
}
