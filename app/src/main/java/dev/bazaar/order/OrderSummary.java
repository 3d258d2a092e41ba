package dev.bazaar.order;

import dev.bazaar.shared.Money;

import java.util.List;

/**
 * What a message about an order names: its number, customer, items and total. Read in one query, where the full
 * {@link OrderView} also asks payment and fulfilment; notifications need the full view only for a webhook.
 */
public record OrderSummary(String id, String number, String customerId, List<OrderView.Item> items, Money total) {
}
