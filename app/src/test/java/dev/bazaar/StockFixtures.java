package dev.bazaar;

import dev.bazaar.inventory.AdjustmentReason;
import dev.bazaar.inventory.StockTracking;
import dev.bazaar.order.PlaceOrder;
import dev.bazaar.order.ShippingAddress;
import dev.bazaar.order.ShippingMethod;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.ids.UserId;
import org.springframework.boot.test.context.TestComponent;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Makes stock and orders for tests, each with its own SKUs so that tests never share a stock row. Imported by the tests
 * that use it, not found by scanning: a module test without the inventory module could not make it.
 */
@TestComponent
public class StockFixtures {

    private final StockTracking tracking;

    public StockFixtures(StockTracking tracking) {
        this.tracking = tracking;
    }

    /** A new SKU with this many units on hand. */
    public Sku stocked(int units) {
        var sku = new Sku("T-" + UUID.randomUUID().toString().substring(0, 13));
        tracking.track(List.of(sku));
        if (units > 0) {
            tracking.adjust(sku, units, AdjustmentReason.RESTOCK, "test stock", "test");
        }
        return sku;
    }

    /**
     * An order of one unit of each SKU, in the order given, at 10.00 EUR each. Its card is declined, so its stock
     * stays reserved (not allocated by a payment arriving mid-test) until the order expires or is cancelled.
     */
    public static PlaceOrder orderOf(Sku... skus) {
        return orderOf(UserId.next(), "tok_declined", Arrays.stream(skus).map(sku -> new PlaceOrder.Line(sku,
                ProductId.next(), "Test " + sku, Money.euros("10.00"), 1)).toList());
    }

    public static PlaceOrder orderOf(UserId customer, String paymentToken, List<PlaceOrder.Line> lines) {
        return new PlaceOrder(customer, lines, Money.euros("4.90"), Money.euros("0.00"),
                new ShippingAddress("Test Customer", "1 Test Street", null, "Berlin", "10115", "DE"),
                ShippingMethod.STANDARD, paymentToken);
    }
}
