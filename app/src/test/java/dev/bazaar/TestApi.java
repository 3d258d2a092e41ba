package dev.bazaar;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A small HTTP client for tests: real requests to the running shop, JSON answers as trees. Tests read like the
 * API contract: {@code api.as(token).post("/api/checkout", body).status()}.
 */
public class TestApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;
    private final Map<String, String> headers;
    private final HttpClient http;

    public TestApi(int port) {
        this("http://127.0.0.1:" + port, null, Map.of(), HTTP);
    }

    private TestApi(String baseUrl, String token, Map<String, String> headers, HttpClient http) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.headers = headers;
        this.http = http;
    }

    /** The same API, calling with this bearer token. */
    public TestApi as(String token) {
        return new TestApi(baseUrl, token, headers, http);
    }

    /**
     * The same API called from another client address: a random one of the loopback network 127.0.0.0/8 (every one
     * of which reaches this machine), so the shop's {@code getRemoteAddr()} really is another address.
     */
    public TestApi fromAnotherAddress() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return from("127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255));
    }

    /** The same API called from this local address (one of 127.0.0.0/8). */
    public TestApi from(String address) {
        try {
            var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .localAddress(java.net.InetAddress.getByName(address)).build();
            return new TestApi(baseUrl, token, headers, client);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bearer token this API calls with (null when anonymous). */
    public String token() {
        return token;
    }

    /** The same API, sending this header too. */
    public TestApi with(String name, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new TestApi(baseUrl, token, more, http);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends raw text as the JSON body, for malformed input. */
    public Response postRaw(String path, String rawBody) {
        return send("POST", path, new Raw(rawBody));
    }

    private record Raw(String text) {
    }

    public Response send(String method, String path, Object body) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof Raw raw ? raw.text() : JSON.writeValueAsString(body);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return checkedProblem(new Response(response.statusCode(), response.headers(), response.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every problem any test meets is checked against RFC 9457 here, so the whole suite walks the shop's refusals:
     * its {@code status} member is the response's status code, as a number, and it has a {@code type}.
     */
    static Response checkedProblem(Response response) {
        if (response.status() >= 400 && response.contentType().startsWith("application/problem+json")) {
            JsonNode problem = response.json();
            if (!problem.path("status").isNumber() || problem.path("status").asInt() != response.status()) {
                throw new AssertionError("a problem's status member must be its HTTP status code: " + response);
            }
            if (!problem.path("type").isString()) {
                throw new AssertionError("a problem must have a type: " + response);
            }
        }
        return response;
    }

    /** An answer: its status, headers and body (parsed as JSON on demand). */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            return body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        public String text(String field) {
            return json().path(field).asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    // ---- accounts

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public String tokenFor(String email, String password) {
        var response = post("/api/auth/token", Map.of("email", email, "password", password));
        if (response.status() != 200) {
            throw new AssertionError("could not sign in " + email + ": " + response);
        }
        return response.text("access_token");
    }

    /** Registers a new customer and answers their token. */
    public String newCustomer() {
        String email = uniqueEmail("customer");
        var response = post("/api/auth/register", Map.of("email", email, "password", "password-123", "name", "Test Customer"));
        if (response.status() != 201) {
            throw new AssertionError("could not register " + email + ": " + response);
        }
        return tokenFor(email, "password-123");
    }

    /** A registered customer: their id (as the API shows it) and token. */
    public record Customer(dev.bazaar.shared.ids.UserId id, String email, String token) {
    }

    public Customer newCustomerWithId() {
        String token = newCustomer();
        var me = as(token).get("/api/me");
        return new Customer(new dev.bazaar.shared.ids.UserId(UUID.fromString(me.text("id"))), me.text("email"), token);
    }

    public String admin() {
        return tokenFor("admin@bazaar.test", "bazaar-admin");
    }

    /** Opens a staff account through the admin API and answers its token. */
    public String newStaff() {
        String email = uniqueEmail("staff");
        var response = as(admin()).post("/api/admin/users", Map.of("email", email, "password", "password-123",
                "name", "Test Staff", "roles", java.util.List.of("STAFF")));
        if (response.status() != 201) {
            throw new AssertionError("could not open staff " + email + ": " + response);
        }
        return tokenFor(email, "password-123");
    }
}
