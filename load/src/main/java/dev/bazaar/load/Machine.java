package dev.bazaar.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How busy the whole machine was while the load was measured, from Linux's {@code /proc/stat}: every process, the
 * shop, its database and this tool alike. With the tool on the shop's machine (as the targets are set), busy cores
 * divided by a rate is what one request or one order costs the machine, which is how this machine's figures compare
 * with its own limits; the tool's share is part of the cost, as a client's would be on a real machine of its own.
 */
final class Machine {

    private static final Path STAT = Path.of("/proc/stat");

    /** Cumulative CPU ticks summed over the machine's {@code cores}: busy ones and all of them. */
    record Ticks(long busy, long total, int cores) {
    }

    private Machine() {
    }

    /** Now's ticks, or empty where there is no {@code /proc/stat} (not Linux). */
    static Optional<Ticks> now() {
        try {
            return Optional.of(parse(Files.readAllLines(STAT)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code /proc/stat}: its first line sums all cores ({@code cpu user nice system idle iowait irq softirq steal
     * ...}), then a {@code cpuN} line per core. Idle and iowait are not busy; steal is time another guest had, so it
     * is not counted at all.
     */
    static Ticks parse(List<String> stat) {
        String[] f = stat.getFirst().trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 8) {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + stat.getFirst());
        }
        int cores = (int) stat.stream().filter(line -> line.matches("cpu\\d+\\s.*")).count();
        long busy = 0;
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        for (int i : new int[]{1, 2, 3, 6, 7}) {
            busy += Long.parseLong(f[i]);
        }
        return new Ticks(busy, busy + idle, cores);
    }

    /**
     * The report's {@code machine} part: cores busy on average between the two samples, and what a request and a
     * confirmed order cost in milliseconds of the machine at the measured rates (absent when the rate is zero).
     */
    static Map<String, Object> summary(Ticks from, Ticks to, double requestsPerSecond, double confirmedPerSecond) {
        long total = to.total() - from.total();
        double busyCores = total <= 0 ? 0 : (double) (to.busy() - from.busy()) / total * to.cores();
        var machine = new LinkedHashMap<String, Object>();
        machine.put("cores", to.cores());
        machine.put("busyCores", busyCores);
        if (requestsPerSecond > 0) {
            machine.put("msPerRequest", busyCores * 1000 / requestsPerSecond);
        }
        if (confirmedPerSecond > 0) {
            machine.put("msPerConfirmedOrder", busyCores * 1000 / confirmedPerSecond);
        }
        return machine;
    }
}
