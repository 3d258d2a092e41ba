package dev.bazaar.order.internal;

import dev.bazaar.platform.work.FailedWork;
import dev.bazaar.shared.ids.OrderId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Cancels unpaid orders whose reservation expired and gives their stock back. Each order is claimed with
 * {@code FOR UPDATE SKIP LOCKED} in its own short transaction, so several instances share the work and none
 * handles an order twice. An order whose expiry fails is rolled back alone, counted in {@link FailedWork} and skipped
 * until its back-off has passed (parked after too many attempts): it used to end the run, and as the soonest to expire
 * it came first again in the next one, so one such order stopped every expiry.
 */
@Component
class ReservationExpiry {

    static final String KIND = "expiry";
    private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);
    private static final int MAX_PER_RUN = 500;

    private final Orders orders;
    private final OrderLifecycle lifecycle;
    private final TransactionTemplate transaction;
    private final FailedWork failures;

    ReservationExpiry(Orders orders, OrderLifecycle lifecycle, TransactionTemplate transaction, FailedWork failures) {
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.transaction = transaction;
        this.failures = failures;
        failures.watch(KIND);
    }

    @Scheduled(fixedDelayString = "${bazaar.reservation-expiry.interval:5s}", initialDelayString = "${bazaar.reservation-expiry.interval:5s}")
    void cancelExpiredOrders() {
        Set<String> skipped = new HashSet<>(failures.notDue(KIND));
        Set<String> failedBefore = failures.failedBefore(KIND);
        int cancelled = 0;
        for (int i = 0; i < MAX_PER_RUN; i++) {
            var claimed = new OrderId[1];
            Optional<OrderId> expired;
            try {
                expired = Optional.ofNullable(transaction.execute(status -> orders.claimExpired(skipped)
                        .map(id -> {
                            claimed[0] = id;
                            lifecycle.expire(id);
                            return id;
                        }).orElse(null)));
            } catch (RuntimeException e) {
                if (!skip(claimed[0], e)) {
                    throw e;
                }
                skipped.add(claimed[0].toString());
                continue;
            }
            if (expired.isEmpty()) {
                break;
            }
            if (failedBefore.contains(expired.get().toString())) {
                failures.succeeded(KIND, expired.get().toString());
            }
            cancelled++;
        }
        if (cancelled > 0) {
            log.info("Cancelled {} unpaid orders whose reservation expired", cancelled);
        }
    }

    /** Counts the failed expiry of the order it claimed; false when it failed before claiming one (then it ends the run). */
    private boolean skip(@Nullable OrderId claimed, RuntimeException failure) {
        if (claimed == null) {
            return false;
        }
        var counted = failures.record(KIND, claimed.toString(), claimed.toString(), null, failure);
        log.warn("Could not expire order {} (attempt {}{}); going on with the others: {}", claimed, counted.attempts(),
                counted.parked() ? ", parked" : "", FailedWork.reasonOf(failure));
        return true;
    }
}
