package dev.bazaar.ui;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page chain's rules, request by request (no browser needed): sessions for pages only, CSRF tokens on every
 * form, roles per path, and the sign-in's throttle said on the page.
 */
@BazaarIntegrationTest
class PageSecurityIntegrationTests {

    @LocalServerPort
    int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsForbidden() {
        var customer = signedInCustomer();
        var refused = customer.post("/cart/items", Map.of("sku", "NO-SUCH-SKU", "quantity", "1"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<h1>Forbidden</h1>");

        var anonymous = new PageSession(port).post("/signin", Map.of("email", "a@example.com", "password", "whatever1"));
        assertThat(anonymous.statusCode()).isEqualTo(403);
    }

    @Test
    void theApiIgnoresThePageSessionCookie() throws Exception {
        var customer = signedInCustomer();
        assertThat(customer.get("/cart").statusCode()).isEqualTo(200);

        var withCookieOnly = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cart"))
                .header("Cookie", "JSESSIONID=" + customer.sessionId()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withCookieOnly.statusCode()).isEqualTo(401);
        assertThat(withCookieOnly.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        var signedIn = new PageSession(port);
        String email = registered();
        var response = signedIn.signIn(email, "password-123");
        assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        assertThat(response.headers().firstValue("Location").orElseThrow()).isEqualTo("http://127.0.0.1:" + port + "/");
    }

    @Test
    void pagesAskForTheRoleTheyNeed() {
        var anonymous = new PageSession(port);
        for (String path : new String[]{"/cart", "/checkout", "/orders", "/notifications", "/staff", "/admin/orders"}) {
            var response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/signin");
        }
        assertThat(anonymous.get("/").statusCode()).isEqualTo(200);

        var customer = signedInCustomer();
        assertThat(customer.get("/staff").statusCode()).isEqualTo(403);
        assertThat(customer.get("/admin").statusCode()).isEqualTo(403);
        assertThat(customer.get("/cart").statusCode()).isEqualTo(200);

        var staff = new PageSession(port);
        String staffEmail = TestApi.uniqueEmail("page-staff");
        api.as(api.admin()).post("/api/admin/users", Map.of("email", staffEmail, "password", "password-123",
                "name", "Page Staff", "roles", java.util.List.of("STAFF")));
        staff.signIn(staffEmail, "password-123");
        assertThat(staff.get("/admin/users").statusCode()).isEqualTo(403);
        assertThat(staff.get("/cart").statusCode()).isEqualTo(403);
    }

    @Test
    void aThrottledSignInSaysSoOnThePage() {
        String email = registered();
        var session = new PageSession(port);
        for (int attempt = 1; attempt <= 5; attempt++) {
            var wrong = session.submit("/signin", "/signin", Map.of("email", email, "password", "wrong-password"));
            assertThat(wrong.statusCode()).isEqualTo(422);
            assertThat(wrong.body()).contains("Wrong e-mail or password.");
        }
        var throttled = session.submit("/signin", "/signin", Map.of("email", email, "password", "password-123"));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(throttled.body()).contains("Too many failed sign-ins for this e-mail; try again in");
    }

    @Test
    void registeringOnThePageOpensACustomerAccountAndSignsItIn() {
        var session = new PageSession(port);
        String email = TestApi.uniqueEmail("page-reg");
        var short_ = session.submit("/register", "/register", Map.of("name", "Pat", "email", email, "password", "short"));
        assertThat(short_.statusCode()).isEqualTo(422);
        assertThat(short_.body()).contains("aria-describedby=\"password-error\"").contains("id=\"password-error\"");

        var registered = session.submit("/register", "/register", Map.of("name", "Pat", "email", email, "password", "password-123"));
        assertThat(registered.statusCode()).isEqualTo(302);
        assertThat(session.get("/cart").statusCode()).isEqualTo(200);
        assertThat(api.tokenFor(email, "password-123")).isNotBlank();

        var again = new PageSession(port).submit("/register", "/register", Map.of("name", "Pat", "email", email, "password", "password-123"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("An account with this e-mail already exists.");
    }

    private PageSession signedInCustomer() {
        var session = new PageSession(port);
        session.signIn(registered(), "password-123");
        return session;
    }

    private String registered() {
        String email = TestApi.uniqueEmail("page");
        var response = api.post("/api/auth/register", Map.of("email", email, "password", "password-123", "name", "Page Customer"));
        assertThat(response.status()).isEqualTo(201);
        return email;
    }
}
