package dev.bazaar.order.internal;

import dev.bazaar.order.OrderStatus;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** One status change of an order, numbered from 1 (placement) in the order it happened. */
public record TimelineEntry(int sequence, Instant at, OrderStatus status, @Nullable String note) {
}
