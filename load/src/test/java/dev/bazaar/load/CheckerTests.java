package dev.bazaar.load;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker's rules on hand-made orders: what each timeline must have notified, and how verdicts read. */
class CheckerTests {

    @Test
    void aRetriedPaymentIsNotNotifiedButEveryOtherTransitionIsOnce() {
        var order = Api.JSON.readTree("""
                {"timeline":[{"status":"PENDING_PAYMENT"},{"status":"PAYMENT_FAILED"},{"status":"PENDING_PAYMENT"},
                 {"status":"CONFIRMED"},{"status":"PARTIALLY_SHIPPED"},{"status":"SHIPPED"},{"status":"DELIVERED"}]}""");
        assertThat(Checker.expectedNotifications(order, 1)).isEqualTo(Map.of("order.placed", 1, "order.payment_failed", 1,
                "order.confirmed", 1, "order.shipped", 2, "order.delivered", 1, "order.refunded", 1));
    }

    @Test
    void webhooksMustAnnounceEachTransitionOnceAndBeSigned() {
        var checker = new Checker(null, new World(), null);
        var order = Api.JSON.readTree("""
                {"timeline":[{"status":"PENDING_PAYMENT"},{"status":"CONFIRMED"}]}""");
        var placedAndConfirmed = Map.of("order.placed", 1, "order.confirmed", 1);

        assertThat(checker.webhookedOncePerTransition(Map.of("o1", order), Map.of("o1", placedAndConfirmed), 0).pass()).isTrue();
        var missing = checker.webhookedOncePerTransition(Map.of("o1", order), Map.of("o1", Map.of("order.placed", 1)), 0);
        assertThat(missing.pass()).isFalse();
        assertThat(missing.details()).contains("o1 webhooked {order.placed=1}");
        var twice = checker.webhookedOncePerTransition(Map.of("o1", order),
                Map.of("o1", Map.of("order.placed", 1, "order.confirmed", 2)), 0);
        assertThat(twice.pass()).isFalse();
        var forged = checker.webhookedOncePerTransition(Map.of("o1", order), Map.of("o1", placedAndConfirmed), 3);
        assertThat(forged.details()).contains("3 deliveries with a bad signature");
    }

    @Test
    void shippedQuantitiesAddUpOverShipments() {
        var order = Api.JSON.readTree("""
                {"shipments":[{"items":[{"sku":"A","quantity":2}]},{"items":[{"sku":"A","quantity":1},{"sku":"B","quantity":4}]}]}""");
        assertThat(Checker.shipped(order)).isEqualTo(Map.of("A", 3, "B", 4));
    }

    @Test
    void aFailedVerdictNamesTheOffendersAndShortensLongLists() {
        assertThat(Checker.verdict("x", List.of(), "3 SKUs")).isEqualTo(new Checker.Invariant("x", true, "ok: 3 SKUs"));
        var failed = Checker.verdict("stock", java.util.stream.IntStream.range(0, 12).mapToObj(i -> "SKU-" + i).toList(), "12 SKUs");
        assertThat(failed.pass()).isFalse();
        assertThat(failed.details()).startsWith("12 offending: SKU-0; SKU-1").endsWith("; …").doesNotContain("SKU-11");
    }
}
