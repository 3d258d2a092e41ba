package dev.bazaar.payment.internal;

import dev.bazaar.payment.internal.Payment.IllegalPaymentTransition;
import dev.bazaar.payment.internal.Payment.VoidStep;
import dev.bazaar.shared.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The payment attempt decides its own moves; a move the table refuses throws and leaves the payment as it was. */
class PaymentTests {

    private final Instant now = Instant.parse("2026-12-08T10:00:00Z");

    private Payment pending() {
        return Payment.begin(UUID.randomUUID(), UUID.randomUUID(), "attempt-1", Money.euros("86.94"), "tok_visa", now);
    }

    private Payment in(PaymentStatus status) {
        var p = pending();
        return new Payment(p.id(), p.orderId(), p.attemptKey(), status, p.amount(), p.token(), "pi_1",
                status == PaymentStatus.FAILED ? "card_declined" : null, false, p.createdAt());
    }

    @Test
    void aNewAttemptIsPendingWithoutIntentAndCannotBeCaptured() {
        var payment = pending();
        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.awaitsDecision()).isTrue();
        assertThat(payment.awaitsIntent()).isTrue();
        assertThat(payment.capturable()).isFalse();
        assertThat(payment.voidRequested()).isFalse();
    }

    @Test
    void onlyAnAuthorisationIsCapturable() {
        for (var status : PaymentStatus.values()) {
            assertThat(in(status).capturable()).as(status.name()).isEqualTo(status == PaymentStatus.AUTHORIZED);
        }
    }

    @Test
    void cancellingVoidsAnAuthorisationNowAPendingOneWhenDecidedAndNothingElse() {
        assertThat(in(PaymentStatus.AUTHORIZED).voidStep()).isEqualTo(VoidStep.VOID_NOW);
        assertThat(in(PaymentStatus.PENDING).voidStep()).isEqualTo(VoidStep.VOID_WHEN_DECIDED);
        assertThat(in(PaymentStatus.FAILED).voidStep()).isEqualTo(VoidStep.NOTHING_TO_VOID);
        assertThat(in(PaymentStatus.VOIDED).voidStep()).isEqualTo(VoidStep.NOTHING_TO_VOID);
    }

    @Test
    void anAuthorisationAndAPendingAttemptCanBeVoidedAndKeepEverythingElse() {
        for (var status : new PaymentStatus[] {PaymentStatus.AUTHORIZED, PaymentStatus.PENDING}) {
            var before = in(status);
            var voided = before.voided();
            assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
            assertThat(voided).usingRecursiveComparison().ignoringFields("status").isEqualTo(before);
        }
    }

    @Test
    void aFailedOrVoidedPaymentRefusesToBeVoidedAgain() {
        for (var status : new PaymentStatus[] {PaymentStatus.FAILED, PaymentStatus.VOIDED}) {
            var payment = in(status);
            assertThatThrownBy(payment::voided).isInstanceOf(IllegalPaymentTransition.class)
                    .hasMessageContaining(status + " cannot become VOIDED");
            assertThat(payment.status()).isEqualTo(status);
        }
    }
}
