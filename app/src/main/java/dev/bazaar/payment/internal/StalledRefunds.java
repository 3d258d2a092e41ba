package dev.bazaar.payment.internal;

import dev.bazaar.platform.work.FailedWork;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Retries refunds that a crash or a failed call to the provider left pending (idempotent at the provider by refund
 * id). A refund that failed is tried again only once its back-off in {@link FailedWork} has passed, and not at all
 * once parked, until an admin retries it; one that goes through is forgotten there.
 */
@Component
class StalledRefunds {

    private final PaymentRecords records;
    private final ProviderCalls calls;
    private final FailedWork failures;
    private final Clock clock;

    StalledRefunds(PaymentRecords records, ProviderCalls calls, FailedWork failures, Clock clock) {
        this.records = records;
        this.calls = calls;
        this.failures = failures;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${bazaar.payment.stalled-refund-interval:30s}",
            initialDelayString = "${bazaar.payment.stalled-refund-interval:30s}")
    void retry() {
        Set<String> notDue = failures.notDue(ProviderCalls.REFUND);
        Set<String> failedBefore = failures.failedBefore(ProviderCalls.REFUND);
        for (var refund : records.stalledRefunds(clock.instant().minus(Duration.ofMinutes(1)))) {
            String key = refund.toString();
            if (notDue.contains(key)) {
                continue;
            }
            try {
                calls.refund(refund);
            } catch (RuntimeException e) {
                calls.refundFailed(refund, e);
                continue;
            }
            if (failedBefore.contains(key)) {
                failures.succeeded(ProviderCalls.REFUND, key);
            }
        }
    }
}
