package dev.bazaar.payment.internal;

import dev.bazaar.payment.PaymentCaptured;
import dev.bazaar.payment.PaymentRefunded;
import dev.bazaar.payment.internal.PaymentRequests.AuthorizationRequested;
import dev.bazaar.payment.internal.PaymentRequests.CaptureRequested;
import dev.bazaar.payment.internal.PaymentRequests.RefundRequested;
import dev.bazaar.payment.internal.PaymentRequests.VoidRequested;
import dev.bazaar.payment.spi.PaymentGateway;
import dev.bazaar.platform.events.ListenerTransactions;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import java.time.Clock;

/**
 * Calls the provider after the decision to do so has committed. No transaction is open during a call; a failed call
 * throws, so its event publication stays incomplete and is resubmitted later. What a call's answer changes is written
 * in one transaction with the publication's completion. Every call carries an idempotency key
 * derived from what it is for, so a repeated call changes nothing at the provider.
 */
@Component
class ProviderCalls {

    private final PaymentRecords records;
    private final PaymentGateway gateway;
    private final ApplicationEventPublisher events;
    private final ListenerTransactions transactions;
    private final Clock clock;

    ProviderCalls(PaymentRecords records, PaymentGateway gateway, ApplicationEventPublisher events,
                  ListenerTransactions transactions, Clock clock) {
        this.records = records;
        this.gateway = gateway;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @ApplicationModuleListener(id = "payment.create-intent", propagation = Propagation.NOT_SUPPORTED)
    void on(AuthorizationRequested request) {
        var payment = records.find(request.paymentId()).orElseThrow();
        if (payment.intentId() != null || !"PENDING".equals(payment.status())) {
            return;
        }
        if (payment.voidRequested()) {
            records.setStatus(payment.id(), "VOIDED", null);
            return;
        }
        String intent = gateway.authorize("auth:" + payment.id(), payment.orderId().toString(), payment.id().toString(),
                payment.amount(), payment.token());
        transactions.finish(() -> records.setIntent(payment.id(), intent));
    }

    @ApplicationModuleListener(id = "payment.capture", propagation = Propagation.NOT_SUPPORTED)
    void on(CaptureRequested request) {
        var capture = records.capture(request.reference()).orElseThrow();
        if ("DONE".equals(capture.status())) {
            return;
        }
        var payment = records.find(capture.paymentId()).orElseThrow();
        var amount = new Money(capture.amount(), payment.amount().currency());
        gateway.capture("capture:" + capture.reference(), payment.intentId(), amount);
        transactions.finish(() -> {
            if (records.captureDone(capture.reference())) {
                events.publishEvent(new PaymentCaptured(new OrderId(payment.orderId()), amount, capture.reference(), clock.instant()));
            }
        });
    }

    @ApplicationModuleListener(id = "payment.void", propagation = Propagation.NOT_SUPPORTED)
    void on(VoidRequested request) {
        var payment = records.find(request.paymentId()).orElseThrow();
        if (payment.intentId() != null) {
            gateway.cancel("void:" + payment.id(), payment.intentId());
        }
    }

    @ApplicationModuleListener(id = "payment.refund", propagation = Propagation.NOT_SUPPORTED)
    void on(RefundRequested request) {
        refund(request.refundId());
    }

    /** Asks the provider for a recorded refund; also how the stalled-refund job retries. */
    void refund(java.util.UUID refundId) {
        var refund = records.refund(refundId).orElseThrow();
        if (!"PENDING".equals(refund.status())) {
            return;
        }
        var payment = records.find(refund.paymentId()).orElseThrow();
        var amount = new Money(refund.amount(), payment.amount().currency());
        gateway.refund("refund:" + refund.id(), payment.intentId(), amount);
        transactions.finish(() -> {
            if (records.refundDone(refund.id())) {
                events.publishEvent(new PaymentRefunded(new OrderId(payment.orderId()), amount, refund.reason(), clock.instant()));
            }
        });
    }
}
