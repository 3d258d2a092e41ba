package dev.bazaar.payment.internal;

import dev.bazaar.platform.work.FailedWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks the provider again for the captures it refused, once an admin has retried them
 * ({@code POST /api/admin/parked/{id}/retry}): a refused capture is parked at once ({@link ProviderCalls}), and its
 * outbox publication has completed, so nothing else would. Refused again, it is parked again; failing for another
 * reason, it backs off and is parked after too many attempts; captured, it is forgotten. The capture is idempotent at
 * the provider by its reference, so instances running this at the same time do no harm.
 */
@Component
class RefusedCaptures {

    private static final Logger log = LoggerFactory.getLogger(RefusedCaptures.class);

    private final ProviderCalls calls;
    private final FailedWork failures;

    RefusedCaptures(ProviderCalls calls, FailedWork failures) {
        this.calls = calls;
        this.failures = failures;
    }

    @Scheduled(fixedDelayString = "${bazaar.payment.refused-capture-interval:30s}",
            initialDelayString = "${bazaar.payment.refused-capture-interval:30s}")
    void retryDue() {
        for (String reference : failures.due(ProviderCalls.CAPTURE)) {
            try {
                if (calls.capture(reference)) {
                    failures.succeeded(ProviderCalls.CAPTURE, reference);
                    log.info("Captured {} on an admin's retry", reference);
                }
            } catch (RuntimeException e) {
                var counted = failures.record(ProviderCalls.CAPTURE, reference, null, null, e);
                log.warn("Capture {} failed again (attempt {}{}): {}", reference, counted.attempts(),
                        counted.parked() ? ", parked" : "", FailedWork.reasonOf(e));
            }
        }
    }
}
