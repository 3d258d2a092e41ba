package dev.bazaar.load;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** The shop's HTTP API as the actors use it; every call is timed under its operation name. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile URI base;
    private final Metrics metrics;

    Api(URI base, Metrics metrics) {
        this.base = base;
        this.metrics = metrics;
    }

    void rebase(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    /** An answer; {@code status} 0 when the shop did not answer at all. */
    record Response(int status, String body) {
        JsonNode json() {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
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
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotent) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        long start = System.nanoTime();
        Response response;
        try {
            var answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response = new Response(answer.statusCode(), answer.body());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            response = new Response(0, "");
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
}
