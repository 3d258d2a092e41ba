package dev.bazaar.notification.internal;

import dev.bazaar.order.OrderCancelled;
import dev.bazaar.order.OrderConfirmed;
import dev.bazaar.order.OrderDelivered;
import dev.bazaar.order.OrderEvent;
import dev.bazaar.order.OrderPaymentFailed;
import dev.bazaar.order.OrderPaymentRetried;
import dev.bazaar.order.OrderPlaced;
import dev.bazaar.order.OrderShipped;
import dev.bazaar.order.OrderSummary;
import dev.bazaar.shared.Money;
import org.jspecify.annotations.Nullable;

import java.util.stream.Collectors;

/**
 * What each change says: its notification type (as in API.md) and the e-mail's subject and text. The switch over the
 * sealed {@link OrderEvent} makes a new kind of order event a compile error here until it is given a message.
 */
final class Messages {

    record Message(String type, String subject, String body) {
    }

    private Messages() {
    }

    /** The message for an order change, or null when the change is not notified (a payment retry: the customer acted). */
    static @Nullable Message of(OrderEvent event, OrderSummary order, String name) {
        String greeting = "Hello " + name + ",\n\n";
        String summary = "\n\nOrder " + order.number() + "\n" + items(order) + "\nTotal: " + order.total() + "\n\nBazaar";
        return switch (event) {
            case OrderPlaced placed -> new Message("order.placed", "We received your order " + order.number(),
                    greeting + "thank you for your order. We are waiting for your payment to be confirmed." + summary);
            case OrderPaymentFailed failed -> new Message("order.payment_failed", "Payment for order " + order.number() + " failed",
                    greeting + "your payment was declined (" + failed.reason().replace('_', ' ') + "). Your items stay reserved "
                            + "until " + failed.retryUntil() + "; you can pay again with another card before then." + summary);
            case OrderConfirmed confirmed -> new Message("order.confirmed", "Order " + order.number() + " is confirmed",
                    greeting + "your payment was accepted and your order is being prepared." + summary);
            case OrderShipped shipped -> new Message("order.shipped", "Order " + order.number() + " has shipped",
                    greeting + (shipped.status().name().equals("SHIPPED") ? "the rest of your order" : "part of your order")
                            + " is on its way with " + shipped.carrier() + ", tracking number " + shipped.trackingNumber() + "." + summary);
            case OrderDelivered delivered -> new Message("order.delivered", "Order " + order.number() + " was delivered",
                    greeting + "your order has arrived. Enjoy!" + summary);
            case OrderCancelled cancelled -> new Message("order.cancelled", "Order " + order.number() + " was cancelled",
                    greeting + "your order was cancelled (" + cancelled.reason() + "). You have not been charged for it." + summary);
            case OrderPaymentRetried retried -> null;
        };
    }

    static Message refund(OrderSummary order, Money amount, String reason, String name) {
        return new Message("order.refunded", "Refund for order " + order.number(),
                "Hello " + name + ",\n\nwe refunded " + amount + " for order " + order.number() + " (" + reason
                        + "). It will appear on your statement within a few days.\n\nBazaar");
    }

    static Message stockLow(String sku, int available, int threshold) {
        return new Message("stock.low", "Low stock: " + sku,
                "SKU " + sku + " is down to " + available + " available (threshold " + threshold + "). Time to restock.");
    }

    private static String items(OrderSummary order) {
        return order.items().stream().map(i -> "  " + i.quantity() + " x " + i.name() + "  " + i.lineTotal())
                .collect(Collectors.joining("\n"));
    }
}
