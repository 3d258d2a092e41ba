package dev.bazaar.load;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a run sets up through the shop's API (its own staff, products, SKUs, stock and customers, named by a run id so
 * runs never collide) and what the actors did to it: the tool's own record, which the checker compares with the shop.
 */
final class World {

    record Customer(String email, String token) {
    }

    /** An order the tool placed, and how it meant to pay for it. */
    record Placed(String id, Customer customer, String paymentToken, Instant acceptedAt) {
    }

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String category = "load-" + run;
    String admin;
    String staff;
    final List<String> skus = new ArrayList<>();
    final List<String> productIds = new ArrayList<>();
    final Map<String, Integer> initialStock = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> restocked = new ConcurrentHashMap<>();
    /** SKUs a checkout found short ({@code 409}'s {@code skus}), for the staff to restock. */
    final Set<String> runOut = ConcurrentHashMap.newKeySet();
    final List<Customer> customers = new ArrayList<>();
    final Map<String, Placed> orders = new ConcurrentHashMap<>();
    final Map<String, List<BigDecimal>> refunds = new ConcurrentHashMap<>();
    final Set<String> cancelledByCustomer = ConcurrentHashMap.newKeySet();

    static World setUp(Api api, Options options) throws InterruptedException {
        var world = new World();
        world.admin = api.token(options.adminEmail(), options.adminPassword());
        String staffEmail = "load-staff-" + world.run + "@example.com";
        api.call("setup", "POST", "/api/admin/users", world.admin, Map.of("email", staffEmail, "password", "load-password",
                "name", "Load Staff", "roles", List.of("STAFF")), false, Set.of(201));
        world.staff = api.token(staffEmail, "load-password");

        int skuCount = switch (options.scenario()) {
            case "flash-sale" -> 1;
            case "browse" -> 200;
            case "cart" -> 50;
            default -> options.skus();
        };
        int perSku = switch (options.scenario()) {
            case "flash-sale" -> options.hotStock();
            case "mixed" -> 40;
            case "cart" -> 1; // carts do not check stock
            default -> 1_000_000;
        };
        int perProduct = options.scenario().equals("browse") ? 1 : 50;
        for (int first = 0; first < skuCount; first += perProduct) {
            var variants = new ArrayList<Map<String, Object>>();
            for (int n = first; n < Math.min(skuCount, first + perProduct); n++) {
                String sku = "LD-" + world.run + "-" + n;
                world.skus.add(sku);
                variants.add(Map.of("sku", sku, "title", "Variant " + n,
                        "price", Map.of("amount", BigDecimal.valueOf(500 + (n % 50) * 37, 2).toPlainString(), "currency", "EUR")));
            }
            var created = api.call("setup", "POST", "/api/admin/products", world.admin, Map.of(
                    "name", Words.productName(first) + " " + world.run, "description", Words.description(first),
                    "category", world.category, "variants", variants), false, Set.of(201));
            world.productIds.add(created.json().path("id").asString());
        }
        parallel(16, world.skus, sku -> {
            api.call("setup", "POST", "/api/inventory/" + sku + "/adjustments", world.admin,
                    Map.of("delta", perSku, "reason", "RESTOCK", "note", "load run " + world.run), true, Set.of(200));
            world.initialStock.put(sku, perSku);
            world.restocked.put(sku, new AtomicInteger());
        });
        var customers = new ArrayList<Customer>();
        var indexes = new ArrayList<Integer>();
        for (int i = 0; i < options.customers(); i++) {
            indexes.add(i);
        }
        parallel(8, indexes, i -> {
            String email = "load-" + world.run + "-" + i + "@example.com";
            api.call("setup", "POST", "/api/auth/register", null,
                    Map.of("email", email, "password", "load-password", "name", "Load Customer " + i), false, Set.of(201));
            synchronized (customers) {
                customers.add(new Customer(email, api.token(email, "load-password")));
            }
        });
        world.customers.addAll(customers);
        return world;
    }

    static <T> void parallel(int width, List<T> items, java.util.function.Consumer<T> work) throws InterruptedException {
        var permits = new Semaphore(width);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                permits.acquire();
                executor.submit(() -> {
                    try {
                        work.accept(item);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
    }
}
