package dev.bazaar.order.internal;

import dev.bazaar.payment.PaymentAuthorized;
import dev.bazaar.payment.PaymentFailed;
import dev.bazaar.payment.Payments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What the order does when the payment moves on. Each reaction is idempotent (a transition that already happened
 * is not repeated) and only acts on the order's current payment attempt (the order knows its attempt's key, the
 * payment event names it), so a late event of an earlier attempt changes nothing.
 */
@Component
class OrderSaga {

    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

    private final OrderLifecycle lifecycle;
    private final Payments payments;

    OrderSaga(OrderLifecycle lifecycle, Payments payments) {
        this.lifecycle = lifecycle;
        this.payments = payments;
    }

    /** Paid: confirm and allocate the stock; if the order cannot take the money any more, give it back. */
    @ApplicationModuleListener(id = "order.on-payment-authorized")
    void on(PaymentAuthorized authorized) {
        if (!lifecycle.confirmPaid(authorized.orderId(), authorized.attemptKey())) {
            log.info("Order {} was authorised after it was cancelled; voiding the authorisation", authorized.orderId());
            payments.voidAuthorization(authorized.orderId());
        }
    }

    @ApplicationModuleListener(id = "order.on-payment-failed")
    void on(PaymentFailed failed) {
        lifecycle.paymentFailed(failed.orderId(), failed.attemptKey(), failed.code());
    }
}
