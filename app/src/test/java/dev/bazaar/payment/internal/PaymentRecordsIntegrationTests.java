package dev.bazaar.payment.internal;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.payment.spi.PaymentGateway.Authorization;
import dev.bazaar.shared.Money;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database is the enforcer of a payment's moves under concurrency: a move is written only from the status it was
 * decided from, a decision only for a pending payment, and an event id only once.
 */
@BazaarIntegrationTest
class PaymentRecordsIntegrationTests {

    private static final Authorization AUTHORISED = new Authorization(true, null);
    private static final Authorization DECLINED = new Authorization(false, "insufficient_funds");

    @Autowired
    PaymentRecords records;

    private final Instant now = Instant.parse("2026-12-08T10:00:00Z");

    private Payment storedWithIntent(String intent) {
        var payment = Payment.begin(UUID.randomUUID(), UUID.randomUUID(), "attempt-1", Money.euros("42.00"), "tok_visa", now);
        assertThat(records.add(payment)).isTrue();
        records.setIntent(payment.id(), intent);
        return records.find(payment.id()).orElseThrow();
    }

    private static String newIntent() {
        return "pi_" + UUID.randomUUID();
    }

    @Test
    void aMoveDecidedFromAStatusThatHasSinceChangedWritesNothing() {
        String intent = newIntent();
        var readWhilePending = storedWithIntent(intent);
        assertThat(records.decide(intent, AUTHORISED)).map(Payment::status).contains(PaymentStatus.AUTHORIZED);

        assertThat(records.move(readWhilePending, readWhilePending.voided())).isFalse();
        assertThat(records.find(readWhilePending.id()).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }

    @Test
    void aMoveFromTheStatusStillStoredIsWritten() {
        String intent = newIntent();
        storedWithIntent(intent);
        var authorised = records.decide(intent, AUTHORISED).orElseThrow();

        assertThat(records.move(authorised, authorised.voided())).isTrue();
        assertThat(records.find(authorised.id()).orElseThrow().status()).isEqualTo(PaymentStatus.VOIDED);
    }

    @Test
    void anAuthorisationDecidedAfterAVoidWasAskedForIsVoidedAndADeclineStaysFailed() {
        String authorisedIntent = newIntent();
        records.requestVoid(storedWithIntent(authorisedIntent).id());
        String declinedIntent = newIntent();
        records.requestVoid(storedWithIntent(declinedIntent).id());

        assertThat(records.decide(authorisedIntent, AUTHORISED)).map(Payment::status).contains(PaymentStatus.VOIDED);
        var declined = records.decide(declinedIntent, DECLINED).orElseThrow();
        assertThat(declined.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(declined.failureCode()).isEqualTo("insufficient_funds");
    }

    @Test
    void aDecidedPaymentIsNotDecidedAgain() {
        String intent = newIntent();
        var payment = storedWithIntent(intent);
        records.decide(intent, DECLINED);

        assertThat(records.decide(intent, AUTHORISED)).isEmpty();
        assertThat(records.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
    }

    @Test
    void aDeclineWithoutTheProvidersReasonIsRecordedAsCardDeclined() {
        String intent = newIntent();
        storedWithIntent(intent);

        assertThat(records.decide(intent, new Authorization(false, null)).orElseThrow().failureCode())
                .isEqualTo("card_declined");
    }

    @Test
    void aNewEventIdDecidesItsPendingPaymentAndTheSameIdAgainDecidesNothing() {
        String event = "evt_" + UUID.randomUUID();
        String intent = newIntent();
        var payment = storedWithIntent(intent);

        var first = records.decideOnFirstSighting(event, now, intent, AUTHORISED);
        assertThat(first.firstSighting()).isTrue();
        assertThat(first.decided()).map(Payment::id).contains(payment.id());
        assertThat(first.decided()).map(Payment::status).contains(PaymentStatus.AUTHORIZED);

        String otherIntent = newIntent();
        var other = storedWithIntent(otherIntent);
        var replayed = records.decideOnFirstSighting(event, now, otherIntent, DECLINED);
        assertThat(replayed.firstSighting()).isFalse();
        assertThat(replayed.decided()).isEmpty();
        assertThat(records.find(other.id()).orElseThrow().status()).as("a replayed id decides nothing")
                .isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void aNewEventIdForAnIntentThatIsNotPendingIsNotedAndDecidesNothing() {
        String intent = newIntent();
        storedWithIntent(intent);
        records.decide(intent, AUTHORISED);

        var late = records.decideOnFirstSighting("evt_" + UUID.randomUUID(), now, intent, DECLINED);
        assertThat(late.firstSighting()).isTrue();
        assertThat(late.decided()).isEmpty();

        var unknown = records.decideOnFirstSighting("evt_" + UUID.randomUUID(), now, newIntent(), AUTHORISED);
        assertThat(unknown.firstSighting()).isTrue();
        assertThat(unknown.decided()).isEmpty();
    }
}
