package dev.bazaar.load;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/** The shop's HTTP API as the actors use it; every call is timed under its operation name. */
final class Api implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Blocking I/O on the caller's virtual thread: the tool runs on the machine of the shop it measures, and the JDK
     * client's hand-offs to its selector thread cost about 0.45 ms of CPU per request that the shop then lacks. No
     * retries, redirects or cookies: every answer counted is the shop's own answer to one request.
     */
    private final CloseableHttpClient http;
    private volatile URI base;
    private final Metrics metrics;

    /** {@code connections}: at least as many as calls at once, so that no call waits for a pooled connection. */
    Api(URI base, Metrics metrics, int connections) {
        this.base = base;
        this.metrics = metrics;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // no one lock over the whole pool (every customer leases and returns at once); it may briefly
                        // exceed its maximum, which is sized above the calls at once anyway
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(Timeout.ofSeconds(30))
                                // a restarted shop leaves dead connections in the pool: check idle ones before reuse
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
    }

    void rebase(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    /**
     * An answer; {@code status} 0 when the shop did not answer at all. The body stays bytes until it is read: most
     * answers (every browse read) are only counted, and decoding them to text was a fifth of the tool's sampled time.
     */
    record Response(int status, byte[] bytes) {
        private static final byte[] NONE = new byte[0];

        JsonNode json() {
            return bytes.length == 0 ? JSON.missingNode() : JSON.readTree(bytes);
        }

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Calls the shop; an answer outside {@code expected} is counted as an error of kind {@code operation:status}
     * (or {@code operation:no-answer}).
     */
    Response call(String operation, String method, String path, String token, Object body, boolean idempotent,
                  Set<Integer> expected) {
        var request = new HttpUriRequestBase(method, base.resolve(path));
        request.setHeader("Content-Type", "application/json");
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        if (idempotent) {
            request.setHeader("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (body != null) {
            request.setEntity(new StringEntity(body instanceof String s ? s : JSON.writeValueAsString(body),
                    ContentType.APPLICATION_JSON));
        }
        long start = System.nanoTime();
        Response response;
        try {
            response = http.execute(request, answer -> new Response(answer.getCode(), answer.getEntity() == null ? Response.NONE
                    : EntityUtils.toByteArray(answer.getEntity())));
        } catch (IOException e) {
            response = new Response(0, Response.NONE);
        }
        metrics.record(operation, (System.nanoTime() - start) / 1000);
        if (!expected.contains(response.status())) {
            metrics.error(operation + ":" + (response.status() == 0 ? "no-answer" : response.status()));
        }
        if (response.status() == 0) {
            // a shop that is down (the restart fault) gets a client's patience, not a busy loop of refused connections
            Actors.sleep(250);
        }
        return response;
    }

    Response get(String operation, String path, String token) {
        return call(operation, "GET", path, token, null, false, Set.of(200));
    }

    String token(String email, String password) {
        var r = call("login", "POST", "/api/auth/token", null, java.util.Map.of("email", email, "password", password), false, Set.of(200));
        if (!r.ok()) {
            throw new IllegalStateException("cannot sign in " + email + ": " + r.status() + " " + r.body());
        }
        return r.json().path("access_token").asString();
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }
}
