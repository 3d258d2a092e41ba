package dev.bazaar.load;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the shop's invariants after a run, through its API: stock adds up (also against the ledger and against
 * what orders hold), nothing is oversold, money matches orders, every order has a way forward, and every transition
 * was notified exactly once, in the customer's feed and (when the run subscribed) by webhook. Each check names the
 * offending SKUs or orders.
 */
final class Checker {

    record Invariant(String name, boolean pass, String details) {
    }

    private static final Set<String> FINAL = Set.of("DELIVERED", "CANCELLED");
    private static final int MAX_LISTED = 10;

    private final Api api;
    private final World world;
    private final Subscriber subscriber;

    /** {@code subscriber}: the run's webhook subscriber, or null when it subscribed to nothing. */
    Checker(Api api, World world, Subscriber subscriber) {
        this.api = api;
        this.world = world;
        this.subscriber = subscriber;
    }

    /**
     * Adds the orders the shop placed although their answer never reached the tool (a client-side timeout under
     * load): each customer's own order list is the truth, and an order missing from the tool's record would make
     * stock look unaccounted for. Answers how many were found.
     */
    int adoptOrdersWithLostAnswers() throws InterruptedException {
        var adopted = new java.util.concurrent.atomic.AtomicInteger();
        World.parallel(8, world.customers, customer -> {
            int page = 0;
            long total;
            do {
                var json = api.get("check", "/api/orders?size=100&page=" + page++, customer.token()).json();
                json.path("items").forEach(order -> {
                    String id = order.path("id").asString();
                    if (world.orders.putIfAbsent(id, new World.Placed(id, customer, null, null)) == null) {
                        adopted.incrementAndGet();
                    }
                });
                total = json.path("total").asLong();
            } while (page * 100L < total);
        });
        return adopted.get();
    }

    /** The orders as the shop shows them now (admin view), by id. */
    Map<String, JsonNode> orders() throws InterruptedException {
        var views = new ConcurrentHashMap<String, JsonNode>();
        World.parallel(16, List.copyOf(world.orders.keySet()),
                id -> views.put(id, api.get("check", "/api/orders/" + id, world.admin).json()));
        return views;
    }

    List<Invariant> check(Map<String, JsonNode> orders, Map<String, JsonNode> levels) throws InterruptedException {
        var results = new ArrayList<Invariant>();
        results.add(stockAddsUp(orders, levels));
        results.add(reservationsMatchOrders(orders, levels));
        results.add(ledgerSumsToOnHand(levels));
        results.add(nothingOversold(orders));
        results.add(moneyMatchesOrders(orders));
        results.add(everyOrderHasAWayForward(orders));
        results.add(notifiedOncePerTransition(orders));
        if (subscriber != null) {
            var verdict = webhookedOncePerTransition(orders, subscriber.eventsByOrder(), subscriber.badSignatures.get());
            if (!verdict.pass() && subscriber.deliveries.get() == 0) {
                verdict = new Invariant(verdict.name(), false, "no delivery reached the subscriber at " + subscriber.url()
                        + " (can the shop reach that address? --subscriber HOST, or off); " + verdict.details());
            }
            results.add(verdict);
        }
        return results;
    }

    Map<String, JsonNode> levels() throws InterruptedException {
        var levels = new ConcurrentHashMap<String, JsonNode>();
        World.parallel(16, world.skus, sku -> levels.put(sku, api.get("check", "/api/inventory/" + sku, world.admin).json()));
        return levels;
    }

    /** onHand = initial + restocks - shipped, and available = onHand - reserved - allocated >= 0, per SKU. */
    Invariant stockAddsUp(Map<String, JsonNode> orders, Map<String, JsonNode> levels) {
        var shipped = shippedPerSku(orders);
        var bad = new ArrayList<String>();
        for (String sku : world.skus) {
            var level = levels.get(sku);
            int onHand = level.path("onHand").asInt();
            int expected = world.initialStock.get(sku) + world.restocked.get(sku).get() - shipped.getOrDefault(sku, 0);
            int available = level.path("available").asInt();
            if (onHand != expected || available < 0
                    || available != onHand - level.path("reserved").asInt() - level.path("allocated").asInt()) {
                bad.add(sku + " onHand " + onHand + " expected " + expected + " available " + available);
            }
        }
        return verdict("stock-adds-up", bad, world.skus.size() + " SKUs");
    }

    /** reserved = units of unpaid orders, allocated = unshipped units of paid orders, per SKU. */
    Invariant reservationsMatchOrders(Map<String, JsonNode> orders, Map<String, JsonNode> levels) {
        var reserved = new HashMap<String, Integer>();
        var allocated = new HashMap<String, Integer>();
        var shippedPerOrder = new HashMap<String, Map<String, Integer>>();
        orders.forEach((id, order) -> shippedPerOrder.put(id, shipped(order)));
        orders.forEach((id, order) -> {
            String status = order.path("status").asString();
            for (JsonNode item : order.path("items")) {
                String sku = item.path("sku").asString();
                int quantity = item.path("quantity").asInt();
                if (status.equals("PENDING_PAYMENT") || status.equals("PAYMENT_FAILED")) {
                    reserved.merge(sku, quantity, Integer::sum);
                } else if (status.equals("CONFIRMED") || status.equals("PARTIALLY_SHIPPED")) {
                    allocated.merge(sku, quantity - shippedPerOrder.get(id).getOrDefault(sku, 0), Integer::sum);
                }
            }
        });
        var bad = new ArrayList<String>();
        for (String sku : world.skus) {
            var level = levels.get(sku);
            if (level.path("reserved").asInt() != reserved.getOrDefault(sku, 0)
                    || level.path("allocated").asInt() != allocated.getOrDefault(sku, 0)) {
                bad.add(sku + " reserved " + level.path("reserved").asInt() + "/" + reserved.getOrDefault(sku, 0)
                        + " allocated " + level.path("allocated").asInt() + "/" + allocated.getOrDefault(sku, 0));
            }
        }
        return verdict("reservations-match-orders", bad, orders.size() + " orders");
    }

    /** The deltas of each SKU's ledger add up to its onHand. */
    Invariant ledgerSumsToOnHand(Map<String, JsonNode> levels) throws InterruptedException {
        var bad = java.util.Collections.synchronizedList(new ArrayList<String>());
        World.parallel(16, world.skus, sku -> {
            long sum = 0;
            int page = 0;
            long total;
            do {
                var json = api.get("check", "/api/inventory/" + sku + "/movements?size=100&page=" + page++, world.admin).json();
                for (JsonNode movement : json.path("items")) {
                    sum += movement.path("delta").asLong();
                }
                total = json.path("total").asLong();
            } while (page * 100L < total);
            if (sum != levels.get(sku).path("onHand").asLong()) {
                bad.add(sku + " ledger " + sum + " onHand " + levels.get(sku).path("onHand").asLong());
            }
        });
        return verdict("ledger-sums-to-on-hand", bad, world.skus.size() + " SKUs");
    }

    /** No SKU sold more units than it ever had. */
    Invariant nothingOversold(Map<String, JsonNode> orders) {
        var sold = new HashMap<String, Integer>();
        orders.values().stream().filter(o -> !o.path("status").asString().equals("CANCELLED"))
                .forEach(o -> o.path("items").forEach(i -> sold.merge(i.path("sku").asString(), i.path("quantity").asInt(), Integer::sum)));
        var bad = new ArrayList<String>();
        sold.forEach((sku, units) -> {
            int had = world.initialStock.getOrDefault(sku, 0) + world.restocked.getOrDefault(sku, new java.util.concurrent.atomic.AtomicInteger()).get();
            if (units > had) {
                bad.add(sku + " sold " + units + " of " + had);
            }
        });
        return verdict("nothing-oversold", bad, sold.values().stream().mapToInt(Integer::intValue).sum() + " units held or sold");
    }

    /** Never charged more than the total; captures only for shipments; refunds within captures and as the admin asked. */
    Invariant moneyMatchesOrders(Map<String, JsonNode> orders) {
        var bad = new ArrayList<String>();
        orders.forEach((id, order) -> {
            var payment = order.path("payment");
            BigDecimal total = amount(order.path("total"));
            BigDecimal captured = amount(payment.path("capturedAmount"));
            BigDecimal refunded = amount(payment.path("refundedAmount"));
            String status = order.path("status").asString();
            BigDecimal asked = world.refunds.getOrDefault(id, List.of()).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (captured.compareTo(total) > 0) {
                bad.add(id + " captured " + captured + " > total " + total);
            } else if (captured.signum() > 0 && order.path("shipments").isEmpty()) {
                bad.add(id + " captured " + captured + " without a shipment");
            } else if ((status.equals("SHIPPED") || status.equals("DELIVERED")) && captured.compareTo(total) != 0) {
                bad.add(id + " " + status + " but captured " + captured + " of " + total);
            } else if (refunded.compareTo(captured) > 0 || refunded.compareTo(asked) != 0) {
                bad.add(id + " refunded " + refunded + " (asked " + asked + ", captured " + captured + ")");
            } else if (status.equals("CANCELLED") && (captured.signum() != 0 || payment.path("status").asString().equals("AUTHORIZED"))) {
                bad.add(id + " cancelled but payment " + payment.path("status").asString() + " captured " + captured);
            }
        });
        return verdict("money-matches-orders", bad, orders.size() + " orders");
    }

    /** Final, waiting in the fulfilment queue, or unpaid with a reservation that expires soon. */
    Invariant everyOrderHasAWayForward(Map<String, JsonNode> orders) {
        var queued = new HashSet<String>();
        int page = 0;
        long total;
        do {
            var json = api.get("check", "/api/fulfillment/queue?size=100&page=" + page++, world.staff).json();
            json.path("items").forEach(o -> queued.add(o.path("id").asString()));
            total = json.path("total").asLong();
        } while (page * 100L < total);
        var bad = new ArrayList<String>();
        Instant soon = Instant.now().minusSeconds(30);
        orders.forEach((id, order) -> {
            String status = order.path("status").asString();
            boolean forward = FINAL.contains(status)
                    || ((status.equals("CONFIRMED") || status.equals("PARTIALLY_SHIPPED")) && queued.contains(id))
                    || status.equals("SHIPPED")
                    || ((status.equals("PENDING_PAYMENT") || status.equals("PAYMENT_FAILED"))
                        && Instant.parse(order.path("reservationExpiresAt").asString()).isAfter(soon));
            if (!forward) {
                bad.add(id + " stuck in " + status);
            }
        });
        return verdict("every-order-has-a-way-forward", bad, orders.size() + " orders");
    }

    /** Each customer's feed has exactly one notification per notified transition (and per refund) of each order. */
    Invariant notifiedOncePerTransition(Map<String, JsonNode> orders) throws InterruptedException {
        var expected = new HashMap<String, Map<String, Integer>>();
        orders.forEach((id, order) -> expected.put(id, expectedNotifications(order, world.refunds.getOrDefault(id, List.of()).size())));
        var byCustomer = new HashMap<World.Customer, List<String>>();
        world.orders.values().forEach(p -> byCustomer.computeIfAbsent(p.customer(), c -> new ArrayList<>()).add(p.id()));
        var bad = java.util.Collections.synchronizedList(new ArrayList<String>());
        World.parallel(8, List.copyOf(byCustomer.keySet()), customer -> {
            var actual = new HashMap<String, Map<String, Integer>>();
            int page = 0;
            long total;
            do {
                var json = api.get("check", "/api/notifications?size=100&page=" + page++, customer.token()).json();
                json.path("items").forEach(n -> actual.computeIfAbsent(n.path("orderId").asString(), k -> new TreeMap<>())
                        .merge(n.path("type").asString(), 1, Integer::sum));
                total = json.path("total").asLong();
            } while (page * 100L < total);
            for (String id : byCustomer.get(customer)) {
                var want = expected.get(id);
                var got = actual.getOrDefault(id, Map.of());
                if (want != null && !want.equals(got)) {
                    bad.add(id + " notified " + got + " expected " + want);
                }
            }
        });
        return verdict("notified-once-per-transition", bad, orders.size() + " orders");
    }

    /**
     * The webhook subscriber received exactly one event (by id; repeated deliveries of an event are allowed) per
     * notified transition and refund of each order, each correctly signed.
     */
    Invariant webhookedOncePerTransition(Map<String, JsonNode> orders, Map<String, Map<String, Integer>> received,
                                         long badSignatures) {
        var bad = new ArrayList<String>();
        if (badSignatures > 0) {
            bad.add(badSignatures + " deliveries with a bad signature");
        }
        orders.forEach((id, order) -> {
            var want = expectedNotifications(order, world.refunds.getOrDefault(id, List.of()).size());
            var got = received.getOrDefault(id, Map.of());
            if (!want.equals(got)) {
                bad.add(id + " webhooked " + got + " expected " + want);
            }
        });
        return verdict("webhooked-once-per-transition", bad, orders.size() + " orders");
    }

    /** API.md's mapping from timeline entries (and refunds) to notification types. */
    static Map<String, Integer> expectedNotifications(JsonNode order, int refunds) {
        var want = new TreeMap<String, Integer>();
        boolean first = true;
        for (JsonNode entry : order.path("timeline")) {
            String type = switch (entry.path("status").asString()) {
                case "PENDING_PAYMENT" -> first ? "order.placed" : null;
                case "PAYMENT_FAILED" -> "order.payment_failed";
                case "CONFIRMED" -> "order.confirmed";
                case "PARTIALLY_SHIPPED", "SHIPPED" -> "order.shipped";
                case "DELIVERED" -> "order.delivered";
                case "CANCELLED" -> "order.cancelled";
                default -> null;
            };
            first = false;
            if (type != null) {
                want.merge(type, 1, Integer::sum);
            }
        }
        if (refunds > 0) {
            want.put("order.refunded", refunds);
        }
        return want;
    }

    static Map<String, Integer> shipped(JsonNode order) {
        var shipped = new HashMap<String, Integer>();
        order.path("shipments").forEach(s -> s.path("items").forEach(i ->
                shipped.merge(i.path("sku").asString(), i.path("quantity").asInt(), Integer::sum)));
        return shipped;
    }

    private static Map<String, Integer> shippedPerSku(Map<String, JsonNode> orders) {
        var total = new HashMap<String, Integer>();
        orders.values().forEach(o -> shipped(o).forEach((sku, q) -> total.merge(sku, q, Integer::sum)));
        return total;
    }

    static BigDecimal amount(JsonNode money) {
        String text = money.path("amount").asString();
        return text.isBlank() ? BigDecimal.ZERO : new BigDecimal(text);
    }

    static Invariant verdict(String name, List<String> offending, String scope) {
        if (offending.isEmpty()) {
            return new Invariant(name, true, "ok: " + scope);
        }
        var listed = offending.stream().limit(MAX_LISTED).toList();
        return new Invariant(name, false, offending.size() + " offending: " + String.join("; ", listed)
                + (offending.size() > MAX_LISTED ? "; …" : ""));
    }
}
