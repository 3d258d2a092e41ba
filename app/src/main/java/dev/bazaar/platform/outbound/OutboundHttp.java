package dev.bazaar.platform.outbound;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

import java.time.Duration;

/**
 * The HTTP client for calls the shop makes to other parties (the PSP, webhook receivers): pooled keep-alive
 * connections and plain blocking I/O on the caller's virtual thread. The JDK's own client hands every request to a
 * selector thread and, with a read timeout, throws and catches three exceptions per call; under load that cost about a
 * twentieth of the shop's CPU. No automatic retries: every caller decides itself whether and when to try again.
 * A call waits for a free pooled connection at most as long as it would wait to open a new one, and then fails like
 * a call that could not connect: with the client's default (three minutes) calls queued behind a pool held by a slow
 * receiver, and the queue only grew.
 */
public final class OutboundHttp {

    private OutboundHttp() {
    }

    public static ClientHttpRequestFactory requestFactory(int maxConnections, Duration connectTimeout, Duration readTimeout) {
        return requestFactory(maxConnections, connectTimeout, readTimeout, SystemDefaultDnsResolver.INSTANCE);
    }

    /** As above, resolving host names with {@code dns}: {@link OutboundTargets#dnsResolver()} for URLs others name. */
    public static ClientHttpRequestFactory requestFactory(int maxConnections, Duration connectTimeout, Duration readTimeout,
                                                          DnsResolver dns) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(dns)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        // a receiver that restarted leaves dead pooled connections: check those idle for a while
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        var client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        var factory = new HttpComponentsClientHttpRequestFactory(client);
        factory.setConnectionRequestTimeout(connectTimeout);
        return factory;
    }
}
