package dev.bazaar.order;

import dev.bazaar.payment.PaymentView;
import dev.bazaar.payment.RefundStatus;
import dev.bazaar.shared.Money;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * An order as the API shows it (API.md "Orders"), with its payment and shipments as the payment and fulfilment
 * modules report them. Also what notifications carry as {@code data.order}.
 */
public record OrderView(String id, String number, OrderStatus status, String customerId, List<Item> items,
                        Money subtotal, Money shipping, Money tax, Money total, ShippingAddress shippingAddress,
                        ShippingMethod shippingMethod, Instant createdAt, Instant reservationExpiresAt,
                        Payment payment, List<Shipment> shipments, List<Refund> refunds,
                        List<TimelineEntry> timeline) {

    public record Item(String sku, String productId, String name, Money unitPrice, int quantity, Money lineTotal) {
    }

    /** Amounts not yet set are 0.00 in the order's currency; {@code intentId} appears once the PSP was asked. */
    public record Payment(PaymentView.Status status, Money authorizedAmount, Money capturedAmount, Money refundedAmount,
                          @Nullable String intentId) {
    }

    public record Shipment(String id, String status, String carrier, String trackingNumber, List<ShipmentItem> items,
                           Instant shippedAt, @Nullable Instant deliveredAt) {
    }

    public record ShipmentItem(String sku, int quantity) {
    }

    public record Refund(String id, Money amount, String reason, RefundStatus status, Instant createdAt) {
    }

    public record TimelineEntry(Instant at, OrderStatus status, @Nullable String note) {
    }
}
