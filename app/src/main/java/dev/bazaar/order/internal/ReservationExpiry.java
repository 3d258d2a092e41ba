package dev.bazaar.order.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels unpaid orders whose reservation expired and gives their stock back. Each order is claimed with
 * {@code FOR UPDATE SKIP LOCKED} in its own short transaction, so several instances share the work and none
 * handles an order twice.
 */
@Component
class ReservationExpiry {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);
    private static final int MAX_PER_RUN = 500;

    private final Orders orders;
    private final OrderLifecycle lifecycle;
    private final TransactionTemplate transaction;

    ReservationExpiry(Orders orders, OrderLifecycle lifecycle, TransactionTemplate transaction) {
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${bazaar.reservation-expiry.interval:5s}", initialDelayString = "${bazaar.reservation-expiry.interval:5s}")
    void cancelExpiredOrders() {
        int cancelled = 0;
        for (int i = 0; i < MAX_PER_RUN; i++) {
            Boolean claimed = transaction.execute(status -> orders.claimExpired().map(lifecycle::expire).isPresent());
            if (!Boolean.TRUE.equals(claimed)) {
                break;
            }
            cancelled++;
        }
        if (cancelled > 0) {
            log.info("Cancelled {} unpaid orders whose reservation expired", cancelled);
        }
    }
}
