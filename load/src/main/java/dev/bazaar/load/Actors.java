package dev.bazaar.load;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/** The actors of a scenario: customers (browsing, buying, paying, retrying, cancelling), store staff and an admin. */
final class Actors {

    private static final Set<Integer> OK = Set.of(200);
    private static final Map<String, Object> ADDRESS = Map.of("name", "Load Customer", "line1", "1 Load Street",
            "city", "Berlin", "postalCode", "10115", "country", "DE");

    private final Api api;
    private final World world;
    private final Metrics metrics;
    private final String scenario;
    private final Map<String, Integer> tokens;
    private final int totalWeight;
    private final double cancelRate;
    final AtomicBoolean soldOut = new AtomicBoolean();

    Actors(Api api, World world, Metrics metrics, Options options) {
        this.api = api;
        this.world = world;
        this.metrics = metrics;
        this.scenario = options.scenario();
        this.tokens = options.tokens();
        this.totalWeight = tokens.values().stream().mapToInt(Integer::intValue).sum();
        this.cancelRate = options.cancelRate();
    }

    /** One customer's next step. */
    void customerStep(World.Customer customer) {
        var random = ThreadLocalRandom.current();
        switch (scenario) {
            case "browse" -> browse(random);
            case "flash-sale" -> {
                if (!soldOut.get()) {
                    buy(customer, List.of(world.skus.getFirst()), "tok_visa");
                }
            }
            case "steady" -> buy(customer, randomSkus(random), "tok_visa");
            case "cart" -> cartRoundTrip(customer, random);
            default -> {
                if (random.nextInt(100) < 30) {
                    browse(random);
                } else {
                    mixedPurchase(customer, random);
                }
            }
        }
    }

    private void mixedPurchase(World.Customer customer, ThreadLocalRandom random) {
        String token = randomToken(random);
        String order = buy(customer, randomSkus(random), token);
        if (order == null) {
            return;
        }
        if (token.equals("tok_declined")) {
            // declined, then paid with another card; other declined tokens are never paid (the order expires)
            if (awaitStatus(order, customer.token(), "PAYMENT_FAILED", 5_000)) {
                api.call("pay", "POST", "/api/orders/" + order + "/payments", customer.token(),
                        Map.of("paymentToken", "tok_visa"), true, Set.of(202, 409));
            }
        } else if (random.nextDouble() < cancelRate) {
            var cancelled = api.call("cancel", "POST", "/api/orders/" + order + "/cancel", customer.token(), null, false, Set.of(200, 409));
            if (cancelled.ok()) {
                world.cancelledByCustomer.add(order);
            }
        }
    }

    /**
     * An item into the cart and out again: two writes of one statement each, through everything a request passes
     * (authentication, JSON, validation, a commit). An order needs at least five such exchanges (its cart adds, the
     * checkout, the shop's call to the Payment System and the webhook back), so this is the floor under its cost.
     */
    private void cartRoundTrip(World.Customer customer, ThreadLocalRandom random) {
        String sku = world.skus.get(random.nextInt(world.skus.size()));
        api.call("cart-add", "POST", "/api/cart/items", customer.token(), Map.of("sku", sku, "quantity", 1), false, OK);
        api.call("cart-remove", "DELETE", "/api/cart/items/" + sku, customer.token(), null, false, OK);
    }

    /** Fills the cart and checks out; answers the order id, or null when refused. */
    String buy(World.Customer customer, List<String> skus, String paymentToken) {
        for (String sku : skus) {
            api.call("cart", "POST", "/api/cart/items", customer.token(), Map.of("sku", sku, "quantity", 1), false, OK);
        }
        Instant before = Instant.now();
        var response = api.call("checkout", "POST", "/api/checkout", customer.token(), Map.of("shippingAddress", ADDRESS,
                "shippingMethod", "STANDARD", "paymentToken", paymentToken), true, expectedCheckout());
        if (response.status() == 201) {
            metrics.checkout();
            String id = response.json().path("id").asString();
            world.orders.put(id, new World.Placed(id, customer, paymentToken, before));
            return id;
        }
        if (response.status() == 409) {
            if (scenario.equals("flash-sale")) {
                soldOut.set(true);
            }
            response.json().path("skus").forEach(sku -> world.runOut.add(sku.asString()));
            // out of stock: the cart is kept; empty it for the next try
            skus.forEach(sku -> api.call("cart", "DELETE", "/api/cart/items/" + sku, customer.token(), null, false, OK));
        }
        return null;
    }

    /** A token drawn by the weights of {@code --tokens}. */
    private String randomToken(ThreadLocalRandom random) {
        int dice = random.nextInt(totalWeight);
        for (var token : tokens.entrySet()) {
            dice -= token.getValue();
            if (dice < 0) {
                return token.getKey();
            }
        }
        throw new IllegalStateException("weights add up to " + totalWeight);
    }

    private Set<Integer> expectedCheckout() {
        return scenario.equals("steady") ? Set.of(201) : Set.of(201, 409);
    }

    private void browse(ThreadLocalRandom random) {
        switch (random.nextInt(3)) {
            case 0 -> api.get("browse", "/api/products?category=" + world.category + "&size=20&page=" + random.nextInt(4), null);
            case 1 -> api.get("product", "/api/products/" + world.productIds.get(random.nextInt(world.productIds.size())), null);
            default -> api.get("search", "/api/products?size=20&q=" + Words.searchWord(random.nextInt(32)), null);
        }
    }

    private List<String> randomSkus(ThreadLocalRandom random) {
        int lines = random.nextInt(1, 4);
        var picked = new ArrayList<String>();
        while (picked.size() < lines) {
            String sku = world.skus.get(random.nextInt(world.skus.size()));
            if (!picked.contains(sku)) {
                picked.add(sku);
            }
        }
        return picked;
    }

    private boolean awaitStatus(String order, String token, String status, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (status.equals(api.get("order", "/api/orders/" + order, token).json().path("status").asString())) {
                return true;
            }
            sleep(200);
        }
        return false;
    }

    /**
     * Staff member {@code worker} of {@code staff}: ships its share of the queue's oldest orders (orders of several
     * SKUs in two parts; the share by order id, so that two never ship the same order), marks what it shipped
     * delivered, restocks a little at random and what checkouts found sold out. Answers whether it shipped anything.
     */
    boolean staffStep(int worker, int staff) {
        var toDeliver = new ArrayList<String>();
        var queue = api.get("queue", "/api/fulfillment/queue?size=100", world.staff).json().path("items");
        boolean shipped = false;
        for (JsonNode order : queue) {
            String id = order.path("id").asString();
            if (world.orders.containsKey(id) && Math.floorMod(id.hashCode(), staff) == worker) {
                shipped |= ship(order, id, toDeliver);
            }
        }
        for (String shipment : toDeliver) {
            api.call("deliver", "POST", "/api/fulfillment/shipments/" + shipment + "/delivered", world.staff, null, false, OK);
        }
        restock(world.skus.get(ThreadLocalRandom.current().nextInt(world.skus.size())), 5);
        // what customers found sold out comes back, so a long run keeps selling instead of answering 409 to everyone
        for (String sku : List.copyOf(world.runOut)) {
            if (world.runOut.remove(sku) && world.restocked.containsKey(sku)) {
                restock(sku, 20);
            }
        }
        return shipped;
    }

    private boolean ship(JsonNode order, String id, List<String> toDeliver) {
        var items = order.path("items");
        Object body = items.size() > 1 && order.path("shipments").isEmpty()
                ? Map.of("carrier", "DHL", "trackingNumber", "LD-" + id.substring(0, 8) + "-1",
                "items", List.of(Map.of("sku", items.get(0).path("sku").asString(), "quantity", items.get(0).path("quantity").asInt())))
                : Map.of("carrier", "DHL", "trackingNumber", "LD-" + id.substring(0, 8) + "-2");
        var shipped = api.call("ship", "POST", "/api/fulfillment/orders/" + id + "/shipments", world.staff, body, false, Set.of(201, 409));
        if (shipped.status() == 201) {
            toDeliver.add(shipped.json().path("id").asString());
            return true;
        }
        return false;
    }

    private void restock(String sku, int units) {
        if (api.call("restock", "POST", "/api/inventory/" + sku + "/adjustments", world.staff,
                Map.of("delta", units, "reason", "RESTOCK"), true, OK).ok()) {
            world.restocked.get(sku).addAndGet(units);
        }
    }

    /** The admin refunds 1.00 of an order that shipped and has not been refunded yet. */
    void adminStep() {
        var shipped = api.get("admin-orders", "/api/admin/orders?status=SHIPPED&size=50", world.admin).json().path("items");
        for (JsonNode order : shipped) {
            String id = order.path("id").asString();
            if (world.orders.containsKey(id) && !world.refunds.containsKey(id)) {
                var refund = api.call("refund", "POST", "/api/admin/orders/" + id + "/refunds", world.admin,
                        Map.of("amount", Map.of("amount", "1.00", "currency", "EUR"), "reason", "load test goodwill"), true, Set.of(201));
                if (refund.status() == 201) {
                    world.refunds.put(id, List.of(new BigDecimal("1.00")));
                }
                return;
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
