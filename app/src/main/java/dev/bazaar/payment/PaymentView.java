package dev.bazaar.payment;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.PaymentId;
import org.jspecify.annotations.Nullable;

/** An order's current payment (its latest attempt) as the order shows it. */
public record PaymentView(PaymentId paymentId, Status status, Money authorizedAmount, Money capturedAmount,
                          Money refundedAmount, @Nullable String intentId, @Nullable String failureCode) {

    /**
     * The payment as the customer sees it: the attempt's own status, with an authorisation told apart by what was
     * captured and refunded of it since.
     */
    public enum Status {
        /** The provider has not decided yet. */
        PENDING,
        /** Authorised, not (fully) captured, nothing refunded. */
        AUTHORIZED,
        /** Declined by the provider. */
        FAILED,
        /** Captures add up to the authorised amount, nothing refunded. */
        CAPTURED,
        /** Some of what was captured went back. */
        PARTIALLY_REFUNDED,
        /** Everything was captured and all of it went back. */
        REFUNDED,
        /** The authorisation was cancelled: the customer is not charged. */
        VOIDED
    }
}
