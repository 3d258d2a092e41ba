package dev.bazaar.order;

import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;

import java.time.Instant;

/**
 * A change of an order's status, published in the transaction that made it. {@code sequence} is the position of
 * the change on the order's timeline (1 for placement), so a listener can dedupe on {@code (orderId, sequence)}.
 * Sealed, so that whoever renders order events (timeline, notifications) handles every kind.
 */
public sealed interface OrderEvent
        permits OrderPlaced, OrderPaymentRetried, OrderPaymentFailed, OrderConfirmed, OrderShipped, OrderDelivered,
        OrderCancelled {

    OrderId orderId();

    UserId customerId();

    int sequence();

    Instant at();

    /** The status the order has after this change. */
    OrderStatus status();
}
