package dev.bazaar.payment.spi;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.PaymentId;
import org.jspecify.annotations.Nullable;

import java.util.Currency;
import java.util.Optional;

/**
 * A payment provider. Every call carries an idempotency key, so a call may be retried safely after a timeout.
 * Authorisation outcomes arrive later, by webhook (and can be asked for when the webhook is overdue); captures,
 * cancellations and refunds are answered at once.
 *
 * @see GatewayException for failures worth retrying, and {@link Refused} for those that are not
 */
public interface PaymentGateway {

    /** The provider's name in webhook URLs ({@code /api/payments/webhooks/{provider}}). */
    String provider();

    /**
     * The most the provider authorises in one payment: it refuses a larger request outright, so the shop must not
     * take an order it could never be paid for.
     */
    Money largestPayment(Currency currency);

    /**
     * Asks to authorise {@code amount} with the customer's token; answers the provider's intent id. The provider
     * echoes {@code paymentId} in the outcome event ({@code data.metadata.paymentId}), so that an event arriving
     * before the answer, or instead of an answer that was lost, still finds the payment it decides.
     */
    String authorize(String idempotencyKey, OrderId orderId, PaymentId paymentId, Money amount, String paymentToken);

    /**
     * The authorisation's outcome as the provider knows it now, asked when its event is overdue (late, or lost):
     * empty while the provider has not decided.
     */
    Optional<Authorization> authorization(String intentId);

    /** A decided authorisation: authorised, or failed with the provider's code. */
    record Authorization(boolean authorized, @Nullable String failureCode) {
    }

    void capture(String idempotencyKey, String intentId, Money amount);

    void cancel(String idempotencyKey, String intentId);

    void refund(String idempotencyKey, String intentId, Money amount);

    /** The provider could not be reached or refused for now; the caller retries later with the same key. */
    class GatewayException extends RuntimeException {
        public GatewayException(String message, Throwable cause) {
            super(message, cause);
        }

        public GatewayException(String message) {
            super(message);
        }
    }

    /**
     * The provider answered and refused the call (the intent is cancelled, the amount is more than it holds, the
     * request is malformed): the same call would be refused again, so it is not worth retrying by itself.
     */
    class Refused extends GatewayException {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
