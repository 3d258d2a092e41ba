package dev.bazaar.psp.internal;

import dev.bazaar.shared.web.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.bazaar.psp.internal.IntentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An intent shows its outcome from its decision on, and takes only the requests its status allows. */
class IntentTests {

    private final Instant created = Instant.parse("2026-12-08T10:00:00Z");
    private final Instant decided = created.plusSeconds(2);

    private Intent intent(IntentStatus outcome, IntentStatus status, long captured, long refunded) {
        return new Intent("pi_1", "order-1", 1000, "EUR", outcome, outcome == FAILED ? "card_declined" : null, status,
                captured, refunded, created, decided);
    }

    @Test
    void theOutcomeShowsFromTheDecisionOn() {
        var declined = intent(FAILED, PROCESSING, 0, 0);

        assertThat(declined.statusAt(created)).isEqualTo(PROCESSING);
        assertThat(declined.failureCodeAt(created)).isNull();
        assertThat(declined.statusAt(decided)).isEqualTo(FAILED);
        assertThat(declined.failureCodeAt(decided)).isEqualTo("card_declined");
    }

    @Test
    void anAuthorisedIntentIsCapturedInPartsUpToItsAmount() {
        assertThat(intent(SUCCEEDED, PROCESSING, 0, 0).capture(400, decided)).isEqualTo(CAPTURED);
        assertThat(intent(SUCCEEDED, CAPTURED, 400, 0).capture(600, decided)).isEqualTo(CAPTURED);
        assertConflict(() -> intent(SUCCEEDED, CAPTURED, 400, 0).capture(601, decided), "exceed the authorised amount");
    }

    @Test
    void onlyAnAuthorisedIntentCanBeCaptured() {
        assertConflict(() -> intent(SUCCEEDED, PROCESSING, 0, 0).capture(100, created), "processing cannot be captured");
        assertConflict(() -> intent(FAILED, PROCESSING, 0, 0).capture(100, decided), "failed cannot be captured");
        assertConflict(() -> intent(SUCCEEDED, CANCELED, 0, 0).capture(100, decided), "canceled cannot be captured");
    }

    @Test
    void anythingNotCapturedCanBeCancelledAndACancelledIntentStaysSo() {
        assertThat(intent(SUCCEEDED, PROCESSING, 0, 0).cancel(created)).isEqualTo(CANCELED);
        assertThat(intent(SUCCEEDED, PROCESSING, 0, 0).cancel(decided)).isEqualTo(CANCELED);
        assertThat(intent(FAILED, PROCESSING, 0, 0).cancel(decided)).isEqualTo(CANCELED);
        assertThat(intent(SUCCEEDED, CANCELED, 0, 0).cancel(decided)).isEqualTo(CANCELED);
        assertConflict(() -> intent(SUCCEEDED, CAPTURED, 100, 0).cancel(decided), "refund it");
    }

    @Test
    void refundsStayWithinWhatWasCaptured() {
        intent(SUCCEEDED, CAPTURED, 500, 200).refund(300);
        assertConflict(() -> intent(SUCCEEDED, CAPTURED, 500, 200).refund(301), "exceed what was captured");
    }

    private static void assertConflict(Runnable request, String detail) {
        assertThatThrownBy(request::run).isInstanceOf(ProblemException.class).hasMessageContaining(detail)
                .satisfies(e -> assertThat(((ProblemException) e).status().value()).isEqualTo(409));
    }
}
