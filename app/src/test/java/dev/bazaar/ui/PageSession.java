package dev.bazaar.ui;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session with the pages, without the browser: cookies kept, redirects not followed, forms posted as a
 * browser posts them (with or without the page's CSRF token), so that the security rules can be checked request by
 * request.
 */
final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    PageSession(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** Posts the form as the page at {@code formPage} would, with its CSRF token. */
    HttpResponse<String> submit(String formPage, String path, Map<String, String> fields) {
        var page = get(formPage);
        var token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on " + formPage + ": " + page.body());
        }
        var withToken = new java.util.LinkedHashMap<>(fields);
        withToken.put("_csrf", token.group(1));
        return post(path, withToken);
    }

    /** The value of the hidden input of this name on the page. */
    static String hidden(String page, String name) {
        var value = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]+)\"").matcher(page);
        if (!value.find()) {
            throw new AssertionError("no hidden " + name + " on the page: " + page);
        }
        return value.group(1);
    }

    /** Posts the form exactly as given: no CSRF token unless the fields carry one. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> signIn(String email, String password) {
        var response = submit("/signin", "/signin", Map.of("email", email, "password", password));
        if (response.statusCode() != 302) {
            throw new AssertionError("could not sign in " + email + ": " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    /** The session cookie's value, to send it where a browser would not (the API). */
    String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .findFirst().orElseThrow().getValue();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
