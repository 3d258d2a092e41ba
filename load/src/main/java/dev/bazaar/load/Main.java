package dev.bazaar.load;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/** {@code bin/bazaar-load}: set up, play every actor for the duration, let the sagas settle, check, report. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        if (List.of(args).contains("--help")) {
            System.out.println(Options.HELP);
            return 0;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bazaar-load: " + e.getMessage() + "\n\n" + Options.HELP);
            return 2;
        }
        try {
            return new Main().execute(options);
        } catch (Exception e) {
            System.err.println("bazaar-load: " + e.getMessage());
            e.printStackTrace();
            return 1;
        }
    }

    private int execute(Options options) throws Exception {
        var metrics = new Metrics();
        // a connection for every customer, plus staff, admin and the setup and check workers (16 at once)
        try (var launcher = options.launch() ? new Launcher(options) : null;
             var api = new Api(launcher != null ? launcher.url() : options.url(), metrics, options.customers() + 64);
             var subscriber = options.subscriberHost() != null
                     ? new Subscriber(options.subscriberHost(), options.subscriberFailRate()) : null) {
            if (launcher != null) {
                System.err.println("starting the shop from " + options.jar() + " ...");
                launcher.start();
            }
            System.err.printf("setting up (%s, %d customers) against %s%n", options.scenario(), options.customers(), api.base());
            var world = World.setUp(api, options);
            if (subscriber != null) {
                subscriber.subscribe(api, world.admin);
                System.err.println("subscribed to the shop's order webhooks at " + subscriber.url());
            }
            var actors = new Actors(api, world, metrics, options);

            Instant start = drive(options, actors, world, metrics, launcher);
            Instant end = Instant.now();
            if (subscriber != null) {
                subscriber.recover();
            }

            var checker = new Checker(api, world, subscriber);
            int lost = checker.adoptOrdersWithLostAnswers();
            if (lost > 0) {
                System.err.printf("%d orders were placed although their answer was lost (client timeout); checking them too%n", lost);
            }
            var orders = settle(checker, options);
            var invariants = checker.check(orders, checker.levels());
            // notifications are sent after commit, and a refused webhook is tried again 1, 2, 4 … s later, at most a
            // minute after its last try: give the last ones time to arrive
            for (int retry = 0; retry < 22 && !passed(invariants, "notified-once-per-transition", "webhooked-once-per-transition"); retry++) {
                Actors.sleep(3000);
                orders = checker.orders();
                invariants = checker.check(orders, checker.levels());
            }
            if (subscriber != null) {
                subscriber.unsubscribe(api, world.admin);
            }
            var report = report(options, metrics, orders, invariants, start, end, subscriber);
            Report.write(options.report(), report);
            Report.chart(options.chart(), "Bazaar " + options.scenario() + ", " + options.customers() + " customers", metrics.series);
            print(report, invariants, options);
            boolean held = invariants.stream().allMatch(Checker.Invariant::pass);
            if (held && launcher != null) {
                launcher.discardOnClose();
            }
            return held ? 0 : 1;
        }
    }

    /** Plays the actors through the warm-up and the measured duration; answers when the measured part began. */
    private static Instant drive(Options options, Actors actors, World world, Metrics metrics, Launcher launcher) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.warmupSeconds() + options.durationSeconds()).toNanos();
        var start = new AtomicReference<>(Instant.now());
        if (options.warmupSeconds() == 0) {
            metrics.startMeasuring();
        }
        // platform threads, not virtual ones: a blocking socket read is then one system call, where a virtual thread
        // parks, registers with the poller and is woken through it; on the shop's own two cores that cost the tool
        // about a fifth of its CPU
        try (var executor = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("actor-", 0).factory())) {
            if (options.warmupSeconds() > 0) {
                executor.submit(() -> {
                    Actors.sleep(options.warmupSeconds() * 1000L);
                    metrics.startMeasuring();
                    start.set(Instant.now());
                    System.err.println("\nwarm-up over, measuring ...");
                });
            }
            for (var customer : world.customers) {
                executor.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        actors.customerStep(customer);
                        if (options.scenario().equals("flash-sale") && actors.soldOut.get()) {
                            return;
                        }
                    }
                });
            }
            if (options.scenario().equals("mixed")) {
                for (int i = 0; i < options.staff(); i++) {
                    int worker = i;
                    executor.submit(() -> {
                        while (System.nanoTime() < deadline) {
                            if (!actors.staffStep(worker, options.staff())) {
                                Actors.sleep(300); // nothing to ship: look again in a moment
                            }
                        }
                    });
                }
                executor.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        actors.adminStep();
                        Actors.sleep(1500);
                    }
                });
            }
            if (launcher != null && options.restartAtSeconds() > 0) {
                executor.submit(() -> {
                    Actors.sleep(options.restartAtSeconds() * 1000L);
                    System.err.println("\nrestarting the shop ...");
                    launcher.restart();
                    return null;
                });
            }
            // a flash sale ends when the hot SKU is sold out, not at the deadline
            executor.submit(() -> progress(deadline, metrics,
                    () -> options.scenario().equals("flash-sale") && actors.soldOut.get()));
        }
        metrics.stopMeasuring();
        System.err.println();
        return start.get();
    }

    private static void progress(long deadline, Metrics metrics, java.util.function.BooleanSupplier over) {
        long started = System.nanoTime();
        int second = 0;
        while (System.nanoTime() < deadline && !over.getAsBoolean()) {
            Actors.sleep(1000);
            var s = metrics.tick(++second);
            System.err.printf("\r%4ds  %6d req/s  %5d checkouts/s  %4d errors  p99 %.1f ms   ", second, s.requests(),
                    s.checkouts(), s.errors(), s.p99Ms());
        }
        System.err.printf("\rload done after %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** Waits (at most --settle seconds) until no order still waits for its first payment answer. */
    private static Map<String, JsonNode> settle(Checker checker, Options options) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.settleSeconds()).toNanos();
        Map<String, JsonNode> orders = checker.orders();
        while (System.nanoTime() < deadline && orders.values().stream()
                .anyMatch(o -> o.path("payment").path("status").asString().equals("PENDING")
                        && !o.path("status").asString().equals("CANCELLED"))) {
            Actors.sleep(1000);
            orders = checker.orders();
        }
        return orders;
    }

    private static boolean passed(List<Checker.Invariant> invariants, String... names) {
        return invariants.stream().filter(i -> List.of(names).contains(i.name())).allMatch(Checker.Invariant::pass);
    }

    static Map<String, Object> report(Options options, Metrics metrics, Map<String, JsonNode> orders,
                                      List<Checker.Invariant> invariants, Instant start, Instant end,
                                      Subscriber subscriber) throws Exception {
        double seconds = Math.max(0.001, Duration.between(start, end).toMillis() / 1000.0);
        Instant middle = start.plus(Duration.between(start, end).dividedBy(2));
        var lag = new Histogram(3_600_000L, 3);
        long confirmed = 0;
        long placedSecondHalf = 0;
        long confirmedSecondHalf = 0;
        long shipped = 0;
        long delivered = 0;
        for (var order : orders.values()) {
            var timeline = order.path("timeline");
            Instant placedAt = Instant.parse(timeline.get(0).path("at").asString());
            boolean measured = !placedAt.isBefore(start);
            if (!placedAt.isBefore(middle) && !placedAt.isAfter(end)) {
                placedSecondHalf++;
            }
            for (JsonNode entry : timeline) {
                String status = entry.path("status").asString();
                Instant at = Instant.parse(entry.path("at").asString());
                if (status.equals("CONFIRMED")) {
                    if (!at.isBefore(start) && !at.isAfter(end)) {
                        confirmed++;
                    }
                    if (!at.isBefore(middle) && !at.isAfter(end)) {
                        confirmedSecondHalf++;
                    }
                    if (measured && timeline.get(1) == entry) {
                        lag.recordValue(Math.max(0, Duration.between(placedAt, at).toMillis()));
                    }
                }
                shipped += status.equals("SHIPPED") ? 1 : 0;
                delivered += status.equals("DELIVERED") ? 1 : 0;
            }
        }
        var report = new LinkedHashMap<String, Object>();
        report.put("scenario", options.scenario());
        report.put("customers", options.customers());
        report.put("durationSeconds", seconds);
        report.put("warmupSeconds", options.warmupSeconds());
        if (options.scenario().equals("mixed")) {
            report.put("mix", Map.of("tokens", options.tokens(), "cancelRate", options.cancelRate()));
        }
        report.put("checkoutsPerSecond", metrics.checkouts() / seconds);
        report.put("ordersConfirmedPerSecond", confirmed / seconds);
        report.put("readsPerSecond", metrics.requests("browse", "product", "search") / seconds);
        report.put("requestsPerSecond", metrics.measuredRequests() / seconds);
        metrics.machine(seconds, confirmed / seconds).ifPresent(machine -> report.put("machine", machine));
        report.put("ordersPlaced", orders.size());
        report.put("ordersConfirmed", confirmed);
        report.put("ordersShipped", shipped);
        report.put("ordersDelivered", delivered);
        report.put("placedVsConfirmedSecondHalf", Map.of("placed", placedSecondHalf, "confirmed", confirmedSecondHalf));
        var lagMs = new LinkedHashMap<String, Object>();
        lagMs.put("p50", lag.getValueAtPercentile(50));
        lagMs.put("p95", lag.getValueAtPercentile(95));
        lagMs.put("p99", lag.getValueAtPercentile(99));
        lagMs.put("max", lag.getMaxValue());
        report.put("confirmationLagMs", lagMs);
        report.put("latencyMs", metrics.latencies());
        report.put("errors", metrics.errors());
        report.put("invariants", invariants);
        if (subscriber != null) {
            report.put("webhooks", subscriber.summary());
        }
        report.put("faults", Map.of("restartAtSeconds", options.restartAtSeconds(), "duplicateWebhooks", options.duplicateWebhooks(),
                "webhookDelay", options.webhookDelay(), "pspFailRate", options.pspFailRate(),
                "pspSlowRate", options.pspSlowRate(), "pspLatency", options.pspLatency(),
                "subscriberFailRate", options.subscriberFailRate()));
        if (options.pgCeiling() != null) {
            report.put("pgCeiling", ceiling(options, report));
        }
        report.put("perSecond", metrics.series);
        return report;
    }

    /** C (checkout_uniform tx/s) and browse_category tx/s from pg-ceiling's JSON, and the run's ratios to them. */
    private static Map<String, Object> ceiling(Options options, Map<String, Object> report) throws Exception {
        var ceiling = new LinkedHashMap<String, Object>();
        var json = Api.JSON.readTree(Files.readString(options.pgCeiling()));
        for (JsonNode e : json.isArray() ? json : Api.JSON.createArrayNode().add(json)) {
            ceiling.put(e.path("workload").asString(), e.path("tps").asDouble());
        }
        if (ceiling.get("checkout_uniform") instanceof Double c && c > 0) {
            ceiling.put("confirmedPerSecondOverC", (Double) report.get("ordersConfirmedPerSecond") / c);
        }
        if (ceiling.get("browse_category") instanceof Double b && b > 0) {
            ceiling.put("readsPerSecondOverBrowseCategory", (Double) report.get("readsPerSecond") / b);
        }
        return ceiling;
    }

    // the report holds Objects; each value printed with %d or %f is the Integer or Double put under its key above
    @SuppressWarnings({"unchecked", "FormatString"})
    private static void print(Map<String, Object> report, List<Checker.Invariant> invariants, Options options) {
        System.out.printf("%nscenario %s, %d customers, %.0f s%n", report.get("scenario"), report.get("customers"), report.get("durationSeconds"));
        System.out.printf("checkouts/s %.1f   orders confirmed/s %.1f   reads/s %.1f   requests/s %.1f%n",
                report.get("checkoutsPerSecond"), report.get("ordersConfirmedPerSecond"), report.get("readsPerSecond"),
                report.get("requestsPerSecond"));
        System.out.printf("orders placed %s, confirmed %s, shipped %s, delivered %s; confirmation lag %s ms%n",
                report.get("ordersPlaced"), report.get("ordersConfirmed"), report.get("ordersShipped"),
                report.get("ordersDelivered"), report.get("confirmationLagMs"));
        ((Map<String, Map<String, Double>>) report.get("latencyMs")).forEach((op, l) -> System.out.printf(
                "  %-12s p50 %7.1f  p95 %7.1f  p99 %7.1f  max %7.1f ms  (%.0f)%n", op, l.get("p50"), l.get("p95"),
                l.get("p99"), l.get("max"), l.get("count")));
        if (report.get("machine") instanceof Map<?, ?> machine) {
            System.out.printf("machine: %.2f of %s cores busy (every process on it), %.3f ms of it per request%s%n",
                    machine.get("busyCores"), machine.get("cores"), machine.get("msPerRequest"),
                    machine.get("msPerConfirmedOrder") instanceof Double ms ? String.format(", %.2f ms per confirmed order", ms) : "");
        }
        System.out.println("errors " + report.get("errors"));
        if (report.containsKey("webhooks")) {
            System.out.println("webhooks " + report.get("webhooks"));
        }
        invariants.forEach(i -> System.out.printf("%s  %-32s %s%n", i.pass() ? "PASS" : "FAIL", i.name(), i.details()));
        System.out.println("report " + options.report().toAbsolutePath() + ", chart " + options.chart().toAbsolutePath());
    }
}
