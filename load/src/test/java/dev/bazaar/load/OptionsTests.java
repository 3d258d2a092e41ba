package dev.bazaar.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTests {

    @Test
    void everyFlagHasADefault() {
        var options = Options.parse();
        assertThat(options.scenario()).isEqualTo("steady");
        assertThat(options.customers()).isEqualTo(64);
        assertThat(options.durationSeconds()).isEqualTo(60);
        assertThat(options.url().toString()).isEqualTo("http://localhost:8080");
        assertThat(options.report()).isEqualTo(Path.of("target/load/steady.json"));
        assertThat(options.chart()).isEqualTo(Path.of("target/load/steady.html"));
        assertThat(options.adminEmail()).isEqualTo("admin@bazaar.test");
        assertThat(options.launch()).isFalse();
        assertThat(options.warmupSeconds()).isZero();
        assertThat(options.tokens()).containsEntry("tok_visa", 45).containsEntry("tok_declined", 15).hasSize(6);
        assertThat(options.cancelRate()).isEqualTo(0.08);
        assertThat(options.staff()).isEqualTo(4);
    }

    @Test
    void theMixedTokensCancelRateAndStaffAreConfigurable() {
        var options = Options.parse("--scenario", "mixed", "--tokens", "tok_visa=3, tok_declined=1", "--cancel-rate", "0");
        assertThat(options.tokens()).containsExactly(java.util.Map.entry("tok_visa", 3), java.util.Map.entry("tok_declined", 1));
        assertThat(options.cancelRate()).isZero();
        for (String bad : new String[]{"tok_visa", "tok_visa=0", "tok_visa=x", "=3", "tok_visa=1,tok_visa=2"}) {
            assertThatThrownBy(() -> Options.parse("--tokens", bad)).as(bad).hasMessageContaining("TOKEN=WEIGHT");
        }
        assertThatThrownBy(() -> Options.parse("--cancel-rate", "2")).hasMessageContaining("between 0 and 1");
        assertThat(Options.parse("--staff", "4").staff()).isEqualTo(4);
        assertThatThrownBy(() -> Options.parse("--staff", "0")).hasMessageContaining("--staff");
    }

    @Test
    void onlyMixedSubscribesToWebhooksUnlessTurnedOff() {
        assertThat(Options.parse("--scenario", "mixed").subscriberHost()).as("a shop on localhost").isEqualTo("127.0.0.1");
        assertThat(Options.parse("--scenario", "mixed", "--launch").subscriberHost()).isEqualTo("127.0.0.1");
        assertThat(Options.localAddressTowards(java.net.URI.create("http://127.0.0.1:8080"))).isEqualTo("127.0.0.1");
        // a shop elsewhere: the address packets to it leave from (a documentation address, nothing is sent)
        assertThat(Options.localAddressTowards(java.net.URI.create("http://192.0.2.10:8080"))).isNotEmpty();
        assertThat(Options.parse("--scenario", "mixed", "--subscriber", "10.0.0.5").subscriberHost()).isEqualTo("10.0.0.5");
        assertThat(Options.parse("--scenario", "mixed", "--subscriber", "off").subscriberHost()).isNull();
        assertThat(Options.parse("--scenario", "steady").subscriberHost()).isNull();
        assertThat(Options.parse("--subscriber-fail-rate", "0.2").subscriberFailRate()).isEqualTo(0.2);
        assertThatThrownBy(() -> Options.parse("--subscriber-fail-rate", "1.5")).hasMessageContaining("between 0 and 1");
    }

    @Test
    void theDocumentedCommandLineParses() {
        var options = Options.parse("--scenario", "steady", "--customers", "64", "--duration", "60", "--url",
                "http://localhost:8080", "--report", "target/load/steady.json");
        assertThat(options.report()).isEqualTo(Path.of("target/load/steady.json"));
        var launched = Options.parse("--launch", "--scenario", "flash-sale", "--restart-at", "10");
        assertThat(launched.launch()).isTrue();
        assertThat(launched.restartAtSeconds()).isEqualTo(10);
        assertThat(launched.report()).isEqualTo(Path.of("target/load/flash-sale.json"));
        var slow = Options.parse("--launch", "--scenario", "mixed", "--psp-slow-rate", "0.1", "--psp-latency", "12s");
        assertThat(slow.pspSlowRate()).isEqualTo(0.1);
        assertThat(slow.pspLatency()).isEqualTo("12s");
        assertThat(Options.parse("--scenario", "cart").report()).isEqualTo(Path.of("target/load/cart.json"));
    }

    @Test
    void badCommandLinesAreRefused() {
        assertThatThrownBy(() -> Options.parse("--scenario", "rush-hour")).hasMessageContaining("rush-hour");
        assertThatThrownBy(() -> Options.parse("--customers", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Options.parse("--nope", "1")).hasMessageContaining("--nope");
        assertThatThrownBy(() -> Options.parse("--duration")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse("--warmup", "-1")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Options.parse("--scenario", "flash-sale", "--warmup", "10")).hasMessageContaining("warm-up");
        assertThatThrownBy(() -> Options.parse("--psp-slow-rate", "1.5")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Options.parse("--psp-fail-rate", "-0.1")).hasMessageContaining("between 0 and 1");
        assertThat(Options.parse("--scenario", "browse", "--warmup", "20").warmupSeconds()).isEqualTo(20);
        assertThat(Main.run("--scenario", "rush-hour")).isEqualTo(2);
        assertThat(Main.run("--help")).isZero();
    }

    @Test
    void helpListsEveryFlag() {
        Options.DEFAULTS.keySet().forEach(flag -> assertThat(Options.HELP).contains("--" + flag));
    }
}
