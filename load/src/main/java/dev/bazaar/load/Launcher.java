package dev.bazaar.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code --launch}: starts the shop from its jar on a free port with a fresh, world-readable data folder (its embedded
 * PostgreSQL runs as {@code nobody} when this runs as root), with the sandbox PSP's fault knobs; stops and restarts it
 * on the same data for the restart fault. The shop's log ({@code shop.log}, every start appended) and its data are
 * in a temporary folder that is removed after a run whose invariants all held, and kept to look into otherwise.
 */
final class Launcher implements AutoCloseable {

    private final Options options;
    private final Path folder;
    private final Path dataDir;
    private final int port;
    private Process process;
    private boolean discard;

    Launcher(Options options) throws IOException {
        this.options = options;
        this.folder = Files.createTempDirectory("bazaar-load-");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        this.dataDir = folder.resolve("postgres");
        try (var socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    void start() throws IOException, InterruptedException {
        // a fixed heap, as the README advises: G1 left to size it kept the young generation at about 100 MB, so it
        // collected every second and marked concurrently every few seconds, 8 % of the shop's CPU under steady; and the
        // parallel collector, whose young pauses were a fifth of G1's and which left more CPU to orders (seventeenth round)
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Xms2g", "-Xmx2g", "-jar", options.jar().toAbsolutePath().toString(), "--server.port=" + port,
                "--bazaar.psp.faults.duplicate-webhooks=" + options.duplicateWebhooks(),
                "--bazaar.psp.faults.webhook-delay=" + options.webhookDelay(),
                "--bazaar.psp.faults.fail-rate=" + options.pspFailRate(),
                "--bazaar.psp.faults.slow-rate=" + options.pspSlowRate(),
                "--bazaar.psp.faults.latency=" + options.pspLatency(),
                "--bazaar.events.resubmit-after=5s", "--bazaar.events.resubmit-interval=5s",
                // with reservations of seconds instead of minutes, redelivery and the question about an overdue
                // payment come after seconds too
                "--bazaar.overdue-payments.after=5s", "--bazaar.overdue-payments.interval=2s"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().put("BAZAAR_DATA_DIR", dataDir.toString());
        builder.environment().put("BAZAAR_RESERVATION_TTL", options.reservationTtl());
        builder.environment().put("BAZAAR_DEMO_DATA", "false");
        // without demo data the shop starts with its sandbox Payment System only when asked to by name
        builder.environment().put("BAZAAR_PSP", "sandbox");
        // the webhook subscriber listens on this machine, which the shop sends webhooks to only when allowed
        builder.environment().put("BAZAAR_WEBHOOK_ALLOWED_HOSTS", "localhost,127.0.0.0/8,::1/128"
                + (options.subscriberHost() != null ? "," + options.subscriberHost() : ""));
        // without demo data the shop would otherwise make up a password for its admin
        builder.environment().put("BAZAAR_ADMIN_PASSWORD", options.adminPassword());
        // every customer of the run registers from this machine's one address
        builder.environment().put("BAZAAR_REGISTRATIONS_PER_ADDRESS", "1000000");
        process = builder.start();
        awaitHealthy(Duration.ofSeconds(120));
    }

    /** The restart fault: SIGTERM (graceful shutdown), then a start on the same data. */
    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    private void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the shop exited; see " + log());
            }
            try {
                var response = http.send(HttpRequest.newBuilder(url().resolve("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new IOException("the shop did not become healthy in " + timeout);
    }

    Path log() {
        return folder.resolve("shop.log");
    }

    /** After a run whose invariants all held: nothing in the folder is worth keeping. */
    void discardOnClose() {
        discard = true;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        if (discard) {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                System.err.println("could not remove " + folder + ": " + e);
            }
        } else {
            System.err.println("the shop's log and data are kept in " + folder);
        }
    }
}
