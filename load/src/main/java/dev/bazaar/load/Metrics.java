package dev.bazaar.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Latencies per operation (HdrHistogram, microseconds), error counts by kind, and a per-second series for the chart. */
final class Metrics {

    private static final long MAX_MICROS = 120_000_000L;

    private final Map<String, ConcurrentHistogram> byOperation = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Recorder interval = new Recorder(MAX_MICROS, 3);
    private final LongAdder checkouts = new LongAdder();
    private final LongAdder intervalCheckouts = new LongAdder();
    private final LongAdder intervalErrors = new LongAdder();
    final List<Second> series = new ArrayList<>();
    private volatile Optional<Machine.Ticks> machineFrom = Optional.empty();
    private volatile Optional<Machine.Ticks> machineTo = Optional.empty();
    private volatile long requestsMeasured;

    /** One second of the run, for the chart and the report's time series. */
    record Second(int second, long requests, long checkouts, long errors, double p99Ms) {
    }

    void record(String operation, long micros) {
        long bounded = Math.min(Math.max(micros, 1), MAX_MICROS);
        byOperation.computeIfAbsent(operation, k -> new ConcurrentHistogram(MAX_MICROS, 3)).recordValue(bounded);
        interval.recordValue(bounded);
    }

    /** The warm-up is over: latencies and checkouts count from now on (errors count over the whole run). */
    void startMeasuring() {
        byOperation.clear();
        checkouts.reset();
        machineFrom = Machine.now();
    }

    /** The load is over: what the machine did in between is the measured part's. */
    void stopMeasuring() {
        machineTo = Machine.now();
        requestsMeasured = requests();
    }

    /** Requests of every operation while the load was measured (the checker's afterwards are not the load's). */
    long measuredRequests() {
        return requestsMeasured;
    }

    /**
     * The report's {@code machine} part over the measured {@code seconds}, where the machine could be sampled at both
     * ends ({@link Machine}).
     */
    Optional<Map<String, Object>> machine(double seconds, double confirmedPerSecond) {
        return machineFrom.flatMap(from -> machineTo.map(to ->
                Machine.summary(from, to, requestsMeasured / seconds, confirmedPerSecond)));
    }

    void checkout() {
        checkouts.increment();
        intervalCheckouts.increment();
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        intervalErrors.increment();
    }

    /** Closes the current second; answers it (the progress line prints it). */
    Second tick(int second) {
        Histogram h = interval.getIntervalHistogram();
        var s = new Second(second, h.getTotalCount(), intervalCheckouts.sumThenReset(), intervalErrors.sumThenReset(),
                h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0);
        synchronized (series) {
            series.add(s);
        }
        return s;
    }

    long checkouts() {
        return checkouts.sum();
    }

    private long requests() {
        return byOperation.values().stream().mapToLong(Histogram::getTotalCount).sum();
    }

    long requests(String... operations) {
        long n = 0;
        for (String op : operations) {
            var h = byOperation.get(op);
            n += h == null ? 0 : h.getTotalCount();
        }
        return n;
    }

    Map<String, Long> errors() {
        var copy = new TreeMap<String, Long>();
        errors.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** p50/p95/p99/max in milliseconds per operation. */
    Map<String, Map<String, Double>> latencies() {
        var result = new TreeMap<String, Map<String, Double>>();
        byOperation.forEach((op, h) -> result.put(op, summary(h)));
        return result;
    }

    static Map<String, Double> summary(Histogram h) {
        var m = new java.util.LinkedHashMap<String, Double>();
        m.put("p50", h.getValueAtPercentile(50) / 1000.0);
        m.put("p95", h.getValueAtPercentile(95) / 1000.0);
        m.put("p99", h.getValueAtPercentile(99) / 1000.0);
        m.put("max", h.getMaxValue() / 1000.0);
        m.put("count", (double) h.getTotalCount());
        return m;
    }
}
