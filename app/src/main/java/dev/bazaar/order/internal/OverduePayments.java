package dev.bazaar.order.internal;

import dev.bazaar.payment.Payments;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Has the Payment System asked about unpaid orders whose payment outcome is overdue
 * ({@code bazaar.overdue-payments.after} after checkout), so that a late or lost webhook does not leave a paid order to
 * expire. The soonest to expire go first, at most {@value #MAX_PER_RUN} a run; every instance runs it, which costs at
 * most a repeated question, since a payment is decided once.
 */
@Component
class OverduePayments {

    private static final int MAX_PER_RUN = 200;

    private final Orders orders;
    private final Payments payments;
    private final Duration after;

    OverduePayments(Orders orders, Payments payments, @Value("${bazaar.overdue-payments.after:30s}") Duration after) {
        this.orders = orders;
        this.payments = payments;
        this.after = after;
    }

    @Scheduled(fixedDelayString = "${bazaar.overdue-payments.interval:10s}", initialDelayString = "${bazaar.overdue-payments.interval:10s}")
    void askAboutOverduePayments() {
        orders.awaitingPaymentFor(after, MAX_PER_RUN).forEach(payments::askProviderIfOverdue);
    }
}
