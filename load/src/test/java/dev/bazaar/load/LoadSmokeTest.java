package dev.bazaar.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A short {@code mixed} run against the shop jar built earlier in the same reactor run, with every actor, token and
 * a PSP that sends duplicate webhooks and answers some calls late (after their webhook), and a webhook subscriber
 * that refuses some deliveries: the invariants must hold on every commit.
 */
class LoadSmokeTest {

    @Test
    void aShortMixedRunKeepsEveryInvariant(@TempDir Path out) throws Exception {
        Path jar = shopJar();
        Path report = out.resolve("mixed.json");
        var foldersBefore = launchFolders();

        int exit = Main.run("--launch", "--jar", jar.toString(), "--scenario", "mixed", "--customers", "6",
                "--duration", "8", "--skus", "60", "--settle", "45", "--duplicate-webhooks", "0.3",
                "--psp-slow-rate", "0.2", "--psp-latency", "2s", "--subscriber-fail-rate", "0.2",
                "--report", report.toString());

        var json = Api.JSON.readTree(Files.readString(report));
        assertThat(json.path("invariants").toString()).doesNotContain("\"pass\":false");
        assertThat(exit).isZero();
        assertThat(json.path("ordersPlaced").asInt()).isPositive();
        assertThat(json.path("latencyMs").has("checkout")).isTrue();
        for (String field : new String[]{"scenario", "customers", "durationSeconds", "checkoutsPerSecond",
                "ordersConfirmedPerSecond", "readsPerSecond", "errors", "invariants"}) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(out.resolve("mixed.html")).exists();
        assertThat(json.path("faults").path("pspSlowRate").asDouble()).isEqualTo(0.2);
        assertThat(json.path("invariants").toString()).contains("webhooked-once-per-transition");
        assertThat(json.path("webhooks").path("events").asLong()).isPositive();
        assertThat(json.path("webhooks").path("refusedOnPurpose").asLong()).as("the shop retried refused deliveries").isPositive();
        assertThat(launchFolders()).as("the shop's data and log are removed after a run that held").isEqualTo(foldersBefore);
        if (Files.exists(Path.of("/proc/stat"))) {
            assertThat(json.path("machine").path("busyCores").asDouble()).isPositive();
            assertThat(json.path("machine").path("msPerConfirmedOrder").asDouble()).isPositive();
        }
    }

    @Test
    void aCartRunPutsItemsInAndTakesThemOutWithoutAnError(@TempDir Path out) throws Exception {
        Path jar = shopJar();
        Path report = out.resolve("cart.json");

        int exit = Main.run("--launch", "--jar", jar.toString(), "--scenario", "cart", "--customers", "4",
                "--duration", "3", "--report", report.toString());

        var json = Api.JSON.readTree(Files.readString(report));
        assertThat(exit).isZero();
        assertThat(json.path("errors").size()).isZero();
        long adds = json.path("latencyMs").path("cart-add").path("count").asLong();
        assertThat(adds).isPositive();
        assertThat(json.path("latencyMs").path("cart-remove").path("count").asLong()).isBetween(adds - 4, adds);
        assertThat(json.path("latencyMs").has("setup")).as("only the measured load is timed").isFalse();
        assertThat(json.path("ordersPlaced").asInt()).isZero();
        assertThat(json.path("requestsPerSecond").asDouble()).isCloseTo(2 * adds / json.path("durationSeconds").asDouble(), within(1.0));
    }

    private static Path shopJar() {
        Path jar = Path.of(System.getProperty("bazaar.jar", "../app/target/bazaar.jar"));
        assumeTrue(Files.exists(jar), "the shop jar is built by module app first");
        return jar;
    }

    private static Set<Path> launchFolders() throws IOException {
        try (var folders = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith("bazaar-load-")).collect(Collectors.toSet());
        }
    }
}
