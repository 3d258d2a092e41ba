/*
 * Checkout benchmark (issue 4): N concurrent customers, each repeatedly adding 1-3 SKUs to the cart and checking
 * out over HTTP, against a running shop. Prints completed checkouts/s and latency percentiles of POST /api/checkout.
 * Needs nothing but a JDK 21+ (single-file program):
 *
 *   java bench/CheckoutBench.java --url http://localhost:8080 --customers 16 --skus 1000 --seconds 30
 *   java bench/CheckoutBench.java --customers 64 --skus 1 --seconds 30        # one hot SKU
 *
 * It creates its own products (stocked generously) and customers through the API first, as the demo admin.
 */
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

public class CheckoutBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        var options = options(args);
        String url = options.getOrDefault("url", "http://localhost:8080");
        int customers = Integer.parseInt(options.getOrDefault("customers", "16"));
        int skuCount = Integer.parseInt(options.getOrDefault("skus", "1000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        String token = options.getOrDefault("token", "tok_visa");
        String run = UUID.randomUUID().toString().substring(0, 6);

        String admin = login(url, options.getOrDefault("admin-email", "admin@bazaar.test"),
                options.getOrDefault("admin-password", "bazaar-admin"));
        System.err.printf("setting up %d SKUs and %d customers (run %s)%n", skuCount, customers, run);
        var skus = new ArrayList<String>();
        for (int p = 0; p * 100 < skuCount; p++) {
            var variants = new StringBuilder();
            for (int v = p * 100; v < Math.min(skuCount, (p + 1) * 100); v++) {
                String sku = "BENCH-" + run + "-" + v;
                skus.add(sku);
                variants.append(variants.isEmpty() ? "" : ",").append("{\"sku\":\"").append(sku)
                        .append("\",\"title\":\"v").append(v).append("\",\"price\":{\"amount\":\"9.90\",\"currency\":\"EUR\"}}");
            }
            send(url, "POST", "/api/admin/products", admin, null, "{\"name\":\"Bench " + run + " " + p
                    + "\",\"description\":\"benchmark\",\"category\":\"bench\",\"variants\":[" + variants + "]}", 201);
        }
        int stockPerSku = skuCount == 1 ? 1_000_000 : 100_000;
        for (String sku : skus) {
            send(url, "POST", "/api/inventory/" + sku + "/adjustments", admin, UUID.randomUUID().toString(),
                    "{\"delta\":" + stockPerSku + ",\"reason\":\"RESTOCK\"}", 200);
        }
        var tokens = Collections.synchronizedList(new ArrayList<String>());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < customers; c++) {
                int n = c;
                executor.submit(() -> {
                    String email = "bench-" + run + "-" + n + "@example.com";
                    send(url, "POST", "/api/auth/register", null, null,
                            "{\"email\":\"" + email + "\",\"password\":\"bench-password\",\"name\":\"Bench\"}", 201);
                    tokens.add(login(url, email, "bench-password"));
                    return null;
                });
            }
        }

        var latencies = new ConcurrentLinkedQueue<Long>();
        var failures = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long started = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String customer : tokens) {
                executor.submit(() -> {
                    var random = ThreadLocalRandom.current();
                    while (System.nanoTime() < deadline) {
                        int lines = skuCount == 1 ? 1 : random.nextInt(1, 4);
                        for (int l = 0; l < lines; l++) {
                            String sku = skus.get(random.nextInt(skus.size()));
                            send(url, "POST", "/api/cart/items", customer, null, "{\"sku\":\"" + sku + "\",\"quantity\":1}", 200);
                        }
                        long t0 = System.nanoTime();
                        int status = status(url, "POST", "/api/checkout", customer, UUID.randomUUID().toString(),
                                "{\"shippingAddress\":{\"name\":\"B\",\"line1\":\"1 Street\",\"city\":\"Berlin\","
                                        + "\"postalCode\":\"10115\",\"country\":\"DE\"},\"shippingMethod\":\"STANDARD\","
                                        + "\"paymentToken\":\"" + token + "\"}");
                        if (status == 201) {
                            latencies.add(System.nanoTime() - t0);
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        var sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("customers=%d skus=%d seconds=%.1f checkouts=%d failed=%d checkouts/s=%.1f "
                        + "p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms%n",
                customers, skuCount, elapsed, sorted.size(), failures.get(), sorted.size() / elapsed,
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), pct(sorted, 100));
    }

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    static String login(String url, String email, String password) {
        var body = send(url, "POST", "/api/auth/token", null, null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", 200);
        var m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token for " + email);
        }
        return m.group(1);
    }

    static String send(String url, String method, String path, String token, String key, String body, int expected) {
        var response = call(url, method, path, token, key, body);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static int status(String url, String method, String path, String token, String key, String body) {
        return call(url, method, path, token, key, body).statusCode();
    }

    static HttpResponse<String> call(String url, String method, String path, String token, String key, String body) {
        var request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    static Map<String, String> options(String[] args) {
        var options = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
