package dev.bazaar.load;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The command line of {@code bin/bazaar-load}: every flag has a default; {@code --help} lists them. */
record Options(String scenario, int customers, int durationSeconds, URI url, Path report, Path chart,
               String adminEmail, String adminPassword, boolean launch, Path jar, int restartAtSeconds,
               double duplicateWebhooks, String webhookDelay, double pspFailRate, double pspSlowRate,
               String pspLatency, int skus, int hotStock,
               int settleSeconds, String reservationTtl, Path pgCeiling, int warmupSeconds, Map<String, Integer> tokens,
               double cancelRate, int staff, String subscriber, double subscriberFailRate) {

    /** The {@code mixed} customers' payment tokens and their weights, as the README's scenario table describes. */
    static final String DEFAULT_TOKENS =
            "tok_visa=45,tok_mastercard=10,tok_declined=15,tok_slow=10,tok_duplicate_webhook=10,tok_insufficient_funds=10";

    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        var d = new LinkedHashMap<String, String>();
        d.put("scenario", "steady");
        d.put("customers", "64");
        d.put("duration", "60");
        d.put("warmup", "0");
        d.put("url", "http://localhost:8080");
        d.put("report", "target/load/<scenario>.json");
        d.put("chart", "<report without .json>.html");
        d.put("admin-email", "admin@bazaar.test");
        d.put("admin-password", "bazaar-admin");
        d.put("launch", "false");
        d.put("jar", "app/target/bazaar.jar");
        d.put("restart-at", "0");
        d.put("duplicate-webhooks", "0");
        d.put("webhook-delay", "0s");
        d.put("psp-fail-rate", "0");
        d.put("psp-slow-rate", "0");
        d.put("psp-latency", "3s");
        d.put("skus", "1000");
        d.put("hot-stock", "5000");
        d.put("settle", "60");
        d.put("reservation-ttl", "20s");
        d.put("pg-ceiling", "");
        d.put("tokens", DEFAULT_TOKENS);
        d.put("cancel-rate", "0.08");
        d.put("staff", "4");
        d.put("subscriber", "auto");
        d.put("subscriber-fail-rate", "0");
        return d;
    }

    static final String HELP = """
            bin/bazaar-load: drive a running Bazaar shop with every actor at once, then check its invariants.

              --scenario NAME          steady | flash-sale | browse | mixed | cart               (steady)
                                       cart: each customer puts an item in its cart and takes it out
                                       again, the cheapest writes the shop serves (no orders)
              --customers N            simulated customers                                        (64)
              --duration SECONDS       how long the load runs and is measured                     (60)
              --warmup SECONDS         load that runs first and is not measured (a fresh shop's JIT) (0)
                                       its orders are checked with the others; not for flash-sale
              --url URL                the shop (ignored with --launch)                           (http://localhost:8080)
              --report FILE            JSON report                                                (target/load/<scenario>.json)
              --chart FILE             HTML chart of throughput and p99 latency per second        (<report>.html)
              --admin-email, --admin-password   the shop's admin                                 (the demo admin)
              --launch                 start the shop from --jar on a free port with a fresh data folder
              --jar FILE               the shop's jar for --launch                               (app/target/bazaar.jar)
              --restart-at SECONDS     with --launch: stop the shop (SIGTERM) at this second of the load (warm-up
                                       included) and start it again (0: never)
              --duplicate-webhooks P   with --launch: the sandbox PSP sends each webhook twice with probability P
              --webhook-delay D        with --launch: the sandbox PSP delays webhooks by D (e.g. 2s)
              --psp-fail-rate P        with --launch: the sandbox PSP answers a fraction P of its API calls 503
              --psp-slow-rate P        with --launch: the sandbox PSP answers a fraction P of its API calls late (it
                                       does the work at once, so the webhook may come before the answer)
              --psp-latency D          with --launch: how late those answers are (above the shop's 10 s read
                                       timeout the call fails and is retried with its idempotency key) (3s)
              --reservation-ttl D      with --launch: how long unpaid orders hold stock           (20s)
              --skus N                 SKUs for steady and mixed                                 (1000)
              --hot-stock N            units of the one SKU in flash-sale                        (5000)
              --settle SECONDS         at most this long to let sagas finish before checking     (60)
              --pg-ceiling FILE        JSON from ../shared/bench/pg-ceiling --json, to state figures as a ratio
              --tokens T=W,...         mixed: the payment tokens buyers use, with weights; tok_declined is paid
                                       again with tok_visa, other declines are never paid (the order expires)
                                       (tok_visa=45,tok_mastercard=10,tok_declined=15,tok_slow=10,
                                        tok_duplicate_webhook=10,tok_insufficient_funds=10)
              --cancel-rate P          mixed: the fraction of placed orders their customer cancels (0.08)
              --staff N                mixed: store staff shipping the fulfilment queue at once   (4)
              --subscriber HOST|off    mixed: subscribe to the shop's order webhooks at a receiver the tool runs on
                                       HOST, the address the shop reaches this machine by; every transition must
                                       arrive once, signed (auto: 127.0.0.1 for a shop on this machine, else this
                                       machine's address on the route to the shop)
              --subscriber-fail-rate P mixed: the receiver answers a fraction P of deliveries 503 while the load
                                       runs (the shop retries), then takes every one             (0)
              --help                   this text
            Exit status: 0 when every invariant holds, 1 when one fails, 2 for a bad command line.""";

    static Options parse(String... args) {
        var values = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            if (name.equals("launch")) {
                values.put(name, "true");
                continue;
            }
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("unknown flag --" + name);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, args[++i]);
        }
        String scenario = values.get("scenario");
        if (!java.util.List.of("steady", "flash-sale", "browse", "mixed", "cart").contains(scenario)) {
            throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        Path report = values.get("report").contains("<") ? Path.of("target/load/" + scenario + ".json") : Path.of(values.get("report"));
        Path chart = values.get("chart").contains("<")
                ? Path.of(report.toString().replaceFirst("\\.json$", "") + ".html") : Path.of(values.get("chart"));
        return new Options(scenario, positive(values, "customers"), positive(values, "duration"), URI.create(values.get("url")),
                report, chart, values.get("admin-email"), values.get("admin-password"), Boolean.parseBoolean(values.get("launch")),
                Path.of(values.get("jar")), Integer.parseInt(values.get("restart-at")),
                fraction(values, "duplicate-webhooks"), values.get("webhook-delay"),
                fraction(values, "psp-fail-rate"), fraction(values, "psp-slow-rate"), values.get("psp-latency"),
                positive(values, "skus"), positive(values, "hot-stock"),
                Integer.parseInt(values.get("settle")), values.get("reservation-ttl"),
                values.get("pg-ceiling").isBlank() ? null : Path.of(values.get("pg-ceiling")), warmup(values, scenario),
                tokens(values.get("tokens")), fraction(values, "cancel-rate"), positive(values, "staff"),
                values.get("subscriber"), fraction(values, "subscriber-fail-rate"));
    }

    /** The host the webhook receiver listens on, or null when the run subscribes to nothing. */
    String subscriberHost() {
        if (!scenario.equals("mixed") || subscriber.equals("off")) {
            return null;
        }
        return !subscriber.equals("auto") ? subscriber : launch ? "127.0.0.1" : localAddressTowards(url);
    }

    /**
     * The address of this machine that packets to the shop leave from, which the shop can most likely reach back: a
     * UDP socket's {@code connect} picks the route without sending anything.
     */
    static String localAddressTowards(URI shop) {
        try (var probe = new DatagramSocket()) {
            var address = InetAddress.getByName(shop.getHost());
            if (address.isLoopbackAddress()) {
                return "127.0.0.1";
            }
            probe.connect(address, shop.getPort() > 0 ? shop.getPort() : 80);
            var local = probe.getLocalAddress();
            return local.isAnyLocalAddress() ? "127.0.0.1" : local.getHostAddress();
        } catch (IOException e) {
            return "127.0.0.1";
        }
    }

    private static int warmup(Map<String, String> values, String scenario) {
        int seconds = Integer.parseInt(values.get("warmup"));
        if (seconds < 0) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        if (seconds > 0 && scenario.equals("flash-sale")) {
            throw new IllegalArgumentException("a flash sale has no warm-up: it would sell the hot SKU before measuring");
        }
        return seconds;
    }

    /** {@code tok_a=3,tok_b=1}: each token with a positive weight, in the order given. */
    private static Map<String, Integer> tokens(String list) {
        var tokens = new LinkedHashMap<String, Integer>();
        for (String entry : list.split(",")) {
            String[] parts = entry.trim().split("=", 2);
            int weight;
            try {
                weight = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
            } catch (NumberFormatException e) {
                weight = -1;
            }
            if (parts[0].isBlank() || weight <= 0 || tokens.put(parts[0].trim(), weight) != null) {
                throw new IllegalArgumentException("--tokens takes TOKEN=WEIGHT pairs with positive weights, each token once: " + list);
            }
        }
        return tokens;
    }

    private static double fraction(Map<String, String> values, String name) {
        double value = Double.parseDouble(values.get(name));
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("--" + name + " is a fraction between 0 and 1");
        }
        return value;
    }

    private static int positive(Map<String, String> values, String name) {
        int value = Integer.parseInt(values.get(name));
        if (value <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return value;
    }
}
