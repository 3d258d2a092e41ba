package dev.bazaar.payment;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.PaymentId;
import org.jspecify.annotations.Nullable;

/**
 * An order's current payment (its latest attempt) as the order shows it. {@code status} is one of {@code PENDING},
 * {@code AUTHORIZED}, {@code FAILED}, {@code CAPTURED}, {@code PARTIALLY_REFUNDED}, {@code REFUNDED}, {@code VOIDED}.
 */
public record PaymentView(PaymentId paymentId, String status, Money authorizedAmount, Money capturedAmount,
                          Money refundedAmount, @Nullable String intentId, @Nullable String failureCode) {
}
