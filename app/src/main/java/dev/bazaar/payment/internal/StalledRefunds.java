package dev.bazaar.payment.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/** Retries refunds that a crash or a provider outage left pending (idempotent at the provider by refund id). */
@Component
class StalledRefunds {

    private static final Logger log = LoggerFactory.getLogger(StalledRefunds.class);

    private final PaymentRecords records;
    private final ProviderCalls calls;
    private final Clock clock;

    StalledRefunds(PaymentRecords records, ProviderCalls calls, Clock clock) {
        this.records = records;
        this.calls = calls;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${bazaar.payment.stalled-refund-interval:30s}", initialDelayString = "30s")
    void retry() {
        for (var refund : records.stalledRefunds(clock.instant().minus(Duration.ofMinutes(1)))) {
            try {
                calls.refund(refund);
            } catch (RuntimeException e) {
                log.warn("Refund {} still pending: {}", refund, e.toString());
            }
        }
    }
}
