package dev.bazaar.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the run's JSON report and a self-contained HTML chart (inline SVG, no scripts) of throughput and p99. */
final class Report {

    private Report() {
    }

    static void write(Path file, Map<String, Object> report) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }

    static void chart(Path file, String title, List<Metrics.Second> series) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        String html = """
                <!doctype html><html><head><meta charset="utf-8"><title>%1$s</title>
                <style>body{font-family:sans-serif;margin:2em}svg{border:1px solid #ccc;margin-bottom:1.5em}</style></head>
                <body><h1>%1$s</h1><h2>Requests and checkouts per second</h2>%2$s<h2>p99 latency per second (ms)</h2>%3$s</body></html>
                """.formatted(title,
                svg(series, List.of(s -> (double) s.requests(), s -> (double) s.checkouts()), List.of("#1f77b4", "#d62728")),
                svg(series, List.of(Metrics.Second::p99Ms), List.of("#2ca02c")));
        Files.writeString(file, html);
    }

    private static String svg(List<Metrics.Second> series, List<java.util.function.Function<Metrics.Second, Double>> lines,
                              List<String> colours) {
        int width = 800;
        int height = 240;
        double max = 1;
        for (var line : lines) {
            for (var s : series) {
                max = Math.max(max, line.apply(s));
            }
        }
        var svg = new StringBuilder("<svg width=\"" + width + "\" height=\"" + (height + 20) + "\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (int i = 0; i < lines.size(); i++) {
            var points = new StringBuilder();
            for (int x = 0; x < series.size(); x++) {
                double px = series.size() < 2 ? 0 : x * (width - 10.0) / (series.size() - 1) + 5;
                double py = height - lines.get(i).apply(series.get(x)) / max * (height - 10) + 5;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colours.get(i)).append("\" stroke-width=\"2\" points=\"")
                    .append(points).append("\"/>");
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\" font-size=\"12\">max %.1f, %d s</text></svg>",
                height + 16, max, series.size()));
        return svg.toString();
    }
}
