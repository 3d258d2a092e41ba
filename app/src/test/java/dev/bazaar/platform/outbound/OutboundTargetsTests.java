package dev.bazaar.platform.outbound;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundTargetsTests {

    /** DNS pinned: each name resolves to what the test says, and nothing else resolves. */
    private static OutboundTargets.Resolver pinned(Map<String, String> names) {
        return host -> {
            String address = names.get(host);
            if (address == null) {
                if (host.matches("[0-9.]+") || host.contains(":")) {
                    return InetAddress.getAllByName(host); // literals need no DNS
                }
                throw new UnknownHostException(host);
            }
            return new InetAddress[]{InetAddress.getByName(address)};
        };
    }

    private static final OutboundTargets.Resolver DNS = pinned(Map.of(
            "hooks.example", "93.184.215.14", "rebound.example", "169.254.169.254", "intranet.example", "10.1.2.3",
            "localhost", "127.0.0.1"));

    @Test
    void thisMachineItsNetworksMetadataUnspecifiedAndMulticastAddressesAreRefusedByDefault() {
        var targets = OutboundTargets.allowing("", DNS);
        for (String host : new String[]{"169.254.169.254", "169.254.10.1", "[fe80::1]", "fd00:ec2::254", "127.0.0.1",
                "127.8.0.1", "[::1]", "localhost", "10.0.0.1", "172.16.5.5", "192.168.1.1", "fc00::5", "0.0.0.0", "[::]",
                "224.0.0.1", "ff02::1", "100.64.0.1", "::ffff:169.254.169.254", "::169.254.169.254",
                "64:ff9b::a9fe:a9fe", "metadata.google.internal", "METADATA.GOOGLE.INTERNAL", "rebound.example",
                "intranet.example"}) {
            assertThat(targets.refusal(host)).as(host).isPresent();
        }
        assertThat(targets.refusal("169.254.169.254").orElseThrow()).contains("cloud metadata");
        assertThat(targets.refusal("rebound.example").orElseThrow()).contains("resolves to 169.254.169.254");
        assertThat(targets.refusal("10.0.0.1").orElseThrow()).contains("BAZAAR_WEBHOOK_ALLOWED_HOSTS");
        assertThat(targets.refusal("nowhere.example").orElseThrow()).contains("cannot be resolved");
    }

    @Test
    void publicAddressesAreAllowed() {
        var targets = OutboundTargets.allowing("", DNS);
        assertThat(targets.refusal("hooks.example")).isEmpty();
        assertThat(targets.refusal("93.184.215.14")).isEmpty();
        assertThat(targets.refusal("[2606:2800:21f:cb07:6820:80da:af6b:8b2c]")).isEmpty();
        assertThat(targets.refusal("172.32.0.1")).as("just outside 172.16.0.0/12").isEmpty();
    }

    @Test
    void theOperatorsAllowListPermitsNamedHostsAndRangesButMetadataOnlyWhenNamedExactly() {
        var targets = OutboundTargets.allowing(" 127.0.0.1/32, localhost ,10.0.0.0/8,169.254.0.0/16,::1", DNS);
        assertThat(targets.refusal("127.0.0.1")).isEmpty();
        assertThat(targets.refusal("localhost")).isEmpty();
        assertThat(targets.refusal("[::1]")).isEmpty();
        assertThat(targets.refusal("intranet.example")).isEmpty();
        assertThat(targets.refusal("169.254.10.1")).isEmpty();
        assertThat(targets.refusal("127.0.0.2")).isPresent();
        assertThat(targets.refusal("192.168.1.1")).isPresent();
        assertThat(targets.refusal("169.254.169.254")).as("a range does not open the metadata service").isPresent();
        assertThat(OutboundTargets.allowing("169.254.169.254", DNS).refusal("169.254.169.254")).isEmpty();
        assertThatThrownBy(() -> OutboundTargets.allowing("10.0.0.0/33", DNS)).hasMessageContaining("10.0.0.0/33");
    }

    @Test
    void aConnectionToAHostThatNowResolvesToARefusedAddressIsNeverMade() throws Exception {
        var receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        var received = new AtomicInteger();
        receiver.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            int port = receiver.getAddress().getPort();
            // subscribed while it resolved elsewhere; now it points at this machine
            var targets = OutboundTargets.allowing("", pinned(Map.of("hooks.example", "127.0.0.1")));
            var http = RestClient.builder().requestFactory(OutboundHttp.requestFactory(2, Duration.ofSeconds(2),
                    Duration.ofSeconds(2), targets.dnsResolver())).build();
            assertThatThrownBy(() -> http.post().uri("http://hooks.example:" + port + "/hook").body("{}").retrieve().toBodilessEntity())
                    .isInstanceOf(ResourceAccessException.class)
                    .hasRootCauseInstanceOf(OutboundTargets.RefusedTarget.class);
            assertThatThrownBy(() -> http.post().uri("http://0.0.0.0:" + port + "/hook").body("{}").retrieve().toBodilessEntity())
                    .hasRootCauseInstanceOf(OutboundTargets.RefusedTarget.class);

            var allowing = OutboundTargets.allowing("hooks.example", pinned(Map.of("hooks.example", "127.0.0.1")));
            var allowed = RestClient.builder().requestFactory(OutboundHttp.requestFactory(2, Duration.ofSeconds(2),
                    Duration.ofSeconds(2), allowing.dnsResolver())).build();
            assertThat(allowed.post().uri("http://hooks.example:" + port + "/hook").body("{}").retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(200);
            assertThat(received).as("only the allowed one arrived").hasValue(1);
        } finally {
            receiver.stop(0);
        }
    }
}
