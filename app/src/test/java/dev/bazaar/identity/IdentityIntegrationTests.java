package dev.bazaar.identity;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@BazaarIntegrationTest
class IdentityIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ConfigurableApplicationContext context;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void registeredCustomerSignsInAndSeesThemselves() {
        String email = TestApi.uniqueEmail("Reg");
        var registered = api.post("/api/auth/register", Map.of("email", email, "password", "long-enough", "name", "Ada"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.text("email")).isEqualTo(email.toLowerCase());
        assertThat(registered.json().path("roles").toString()).isEqualTo("[\"CUSTOMER\"]");
        assertThat(registered.body()).doesNotContain("password");

        var token = api.post("/api/auth/token", Map.of("email", email.toUpperCase(), "password", "long-enough"));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.text("token_type")).isEqualTo("Bearer");
        assertThat(token.json().path("expires_in").asInt()).isEqualTo(3600);

        var me = api.as(token.text("access_token")).get("/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(registered.text("id"));
        assertThat(me.text("name")).isEqualTo("Ada");
    }

    @Test
    void registeringATakenEmailIsAConflictWhateverItsCase() {
        String email = TestApi.uniqueEmail("dup");
        api.post("/api/auth/register", Map.of("email", email, "password", "long-enough", "name", "One"));
        var again = api.post("/api/auth/register", Map.of("email", email.toUpperCase(), "password", "long-enough", "name", "Two"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void shortPasswordIsRefusedWithTheFieldNamed() {
        var response = api.post("/api/auth/register", Map.of("email", TestApi.uniqueEmail("short"), "password", "1234567", "name", "Bo"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedAsBadInputAndOneAtTheLimitWorks() {
        String atLimit = "p".repeat(72);
        String email = TestApi.uniqueEmail("limit");
        assertThat(api.post("/api/auth/register", Map.of("email", email, "password", atLimit, "name", "Lu")).status()).isEqualTo(201);
        assertThat(api.post("/api/auth/token", Map.of("email", email, "password", atLimit)).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/token", Map.of("email", email, "password", atLimit + "x")).status()).isEqualTo(401);

        // 73 bytes of ASCII, and 37 two-byte letters (74 bytes in 37 characters)
        for (String tooLong : List.of("p".repeat(73), "é".repeat(37))) {
            String other = TestApi.uniqueEmail("long");
            var registered = api.post("/api/auth/register", Map.of("email", other, "password", tooLong, "name", "Lo"));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(400);
            assertThat(registered.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
            assertThat(api.post("/api/auth/token", Map.of("email", other, "password", tooLong)).status()).isEqualTo(401);
            var staff = api.as(api.admin()).post("/api/admin/users",
                    Map.of("email", other, "password", tooLong, "name", "Lo", "roles", List.of("STAFF")));
            assertThat(staff.status()).as(staff.toString()).isEqualTo(400);
        }
    }

    @Test
    void absurdlyLongEmailsAndPasswordsAreBadInputWithTheFieldNamedNeverAServerError() {
        // random letters, which the database cannot compress below its index's limit of about 2.7 KB a row
        var letters = new StringBuilder();
        while (letters.length() < 3000) {
            letters.append(java.util.UUID.randomUUID().toString().replace("-", ""));
        }
        String longEmail = letters + "@example.com";
        var anonymous = api.fromAnotherAddress();
        for (var response : List.of(
                anonymous.post("/api/auth/token", Map.of("email", longEmail, "password", "password-123")),
                anonymous.post("/api/auth/register", Map.of("email", longEmail, "password", "password-123", "name", "Lo")))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
        }
        var hugePassword = anonymous.post("/api/auth/token",
                Map.of("email", TestApi.uniqueEmail("huge"), "password", "p".repeat(100_000)));
        assertThat(hugePassword.status()).as(hugePassword.toString()).isEqualTo(400);
        assertThat(hugePassword.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
    }

    @Test
    void metricsAreForAdminsAndTheScrapeTokenWhileHealthStaysOpen() {
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        var anonymous = api.get("/actuator/prometheus");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(api.as(api.newCustomer()).get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(api.as("not-the-scrape-token").get("/actuator/prometheus").status()).isEqualTo(401);
        // the scrape token is no credential anywhere else
        assertThat(api.as("test-scrape-token").get("/api/me").status()).isEqualTo(401);

        for (String token : List.of(api.admin(), "test-scrape-token")) {
            var metrics = api.as(token).get("/actuator/prometheus");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("http_server_requests");
        }
    }

    @Test
    void aDisabledAccountCannotSignInAndItsTokensStopWorkingUntilItIsEnabledAgain() {
        var customer = api.newCustomerWithId();
        var admin = api.as(api.admin());
        var customerApi = api.as(customer.token());
        assertThat(customerApi.get("/api/me").status()).isEqualTo(200);

        var disabled = admin.post("/api/admin/users/" + customer.id() + "/disable", null);
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.json().path("disabled").asBoolean()).isTrue();
        assertThat(disabled.text("email")).isEqualTo(customer.email());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> customerApi.get("/api/me").status() == 401);
        assertThat(api.post("/api/auth/token", Map.of("email", customer.email(), "password", "password-123")).status())
                .isEqualTo(401);

        var enabled = admin.post("/api/admin/users/" + customer.id() + "/enable", null);
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().path("disabled").asBoolean()).isFalse();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> customerApi.get("/api/me").status() == 200);
        assertThat(api.tokenFor(customer.email(), "password-123")).isNotBlank();
        assertThat(admin.get("/api/admin/audit?size=100").json().path("items").toString())
                .contains("POST /api/admin/users/{id}/disable").contains("POST /api/admin/users/{id}/enable");
    }

    @Test
    void disablingAnUnknownAccountIsNotFoundOneselfAConflictAndOnlyForAdmins() {
        var admin = api.as(api.admin());
        assertThat(admin.post("/api/admin/users/" + java.util.UUID.randomUUID() + "/disable", null).status()).isEqualTo(404);
        String adminId = admin.get("/api/me").text("id");
        var self = admin.post("/api/admin/users/" + adminId + "/disable", null);
        assertThat(self.status()).as(self.toString()).isEqualTo(409);
        assertThat(self.json().path("status").asInt()).isEqualTo(409);
        assertThat(admin.get("/api/me").status()).isEqualTo(200);
        var customer = api.newCustomerWithId();
        assertThat(api.as(customer.token()).post("/api/admin/users/" + customer.id() + "/disable", null).status()).isEqualTo(403);
    }

    @Test
    void wrongPasswordAndUnknownEmailAreBothUnauthorized() {
        String email = TestApi.uniqueEmail("wrong");
        api.post("/api/auth/register", Map.of("email", email, "password", "long-enough", "name", "Cy"));
        assertThat(api.post("/api/auth/token", Map.of("email", email, "password", "not-it")).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/token", Map.of("email", TestApi.uniqueEmail("nobody"), "password", "x")).status()).isEqualTo(401);
    }

    @Test
    void adminOpensStaffAccountsThatCarryTheStaffRole() {
        String email = TestApi.uniqueEmail("staff");
        var created = api.as(api.admin()).post("/api/admin/users",
                Map.of("email", email, "password", "long-enough", "name", "Sam", "roles", List.of("STAFF")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("roles").toString()).isEqualTo("[\"STAFF\"]");
        var me = api.as(api.tokenFor(email, "long-enough")).get("/api/me");
        assertThat(me.json().path("roles").toString()).isEqualTo("[\"STAFF\"]");
    }

    @Test
    void onlyAdminsMayOpenAccountsForOthers() {
        var body = Map.of("email", TestApi.uniqueEmail("x"), "password", "long-enough", "name", "X", "roles", List.of("ADMIN"));
        assertThat(api.post("/api/admin/users", body).status()).isEqualTo(401);
        assertThat(api.as(api.newCustomer()).post("/api/admin/users", body).status()).isEqualTo(403);
        assertThat(api.as(api.newStaff()).post("/api/admin/users", body).status()).isEqualTo(403);
    }

    @Test
    void anUnknownRoleIsABadRequest() {
        var body = Map.of("email", TestApi.uniqueEmail("x"), "password", "long-enough", "name", "X", "roles", List.of("KING"));
        var response = api.as(api.admin()).post("/api/admin/users", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void wrongRoleOnAnAdminPathIsForbiddenEvenWhereNothingIsImplemented() {
        assertThat(api.as(api.newCustomer()).get("/api/admin/not-built-yet").status()).isEqualTo(403);
        assertThat(api.get("/api/admin/not-built-yet").status()).isEqualTo(401);
    }

    @Test
    void meNeedsAValidToken() {
        assertThat(api.get("/api/me").status()).isEqualTo(401);
        var forged = api.as("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").get("/api/me");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(forged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void aMalformedBearerHeaderIsUnauthorizedAndAnotherSchemeIsNoCredentialAtAll() {
        for (String header : new String[] {"Bearer a,b", "Bearer ", "Bearer abc ="}) {
            var malformed = api.with("Authorization", header).get("/api/me");
            assertThat(malformed.status()).as(header).isEqualTo(401);
            assertThat(malformed.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.with("Authorization", "Basic YWRtaW46c2VjcmV0").get("/api/me").status()).isEqualTo(401);
        assertThat(api.with("Authorization", "Basic YWRtaW46c2VjcmV0").get("/api/products").status()).isEqualTo(200);
        assertThat(api.with("Authorization", "bearer " + api.newCustomer()).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void aPathTheFirewallRefusesNamesNothing() {
        assertThat(api.get("/api/products/%2e%2e%2Fadmin").status()).as("an encoded traversal").isEqualTo(404);
    }

    @Test
    void aTokenKeepsWorkingOnEveryUseWhileATamperedCopyIsRefusedRightAfterIt() {
        String token = api.newCustomer();
        var customer = api.as(token);
        String id = null;
        for (int use = 1; use <= 3; use++) {
            var me = customer.get("/api/me");
            assertThat(me.status()).as("use " + use).isEqualTo(200);
            id = id == null ? me.text("id") : id;
            assertThat(me.text("id")).isEqualTo(id);
        }

        var tampered = api.as(withSignatureChanged(token)).get("/api/me");
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(tampered.contentType()).startsWith("application/problem+json");
        assertThat(customer.get("/api/me").status()).as("the genuine token after the tampered one").isEqualTo(200);
        assertThat(api.as(withSignatureChanged(token)).get("/api/me").status()).as("tampered, again").isEqualTo(401);
    }

    @Test
    void aCustomerTokenRewrittenToClaimAdminIsRefused() {
        String token = api.newCustomer();
        var customer = api.as(token);
        assertThat(customer.get("/api/me").status()).isEqualTo(200);
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"CUSTOMER\"");
        String promoted = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.replace("\"CUSTOMER\"", "\"ADMIN\"").getBytes(StandardCharsets.UTF_8));

        var forged = api.as(parts[0] + "." + promoted + "." + parts[2]);

        assertThat(forged.get("/api/admin/audit").status()).isEqualTo(401);
        assertThat(forged.get("/api/me").status()).isEqualTo(401);
        assertThat(customer.get("/api/admin/audit").status()).isEqualTo(403);
    }

    @Test
    void repeatedFailedSignInsAreThrottledWithRetryAfter() {
        String email = TestApi.uniqueEmail("guess");
        api.post("/api/auth/register", Map.of("email", email, "password", "the-real-one", "name", "Di"));
        var attacker = api.fromAnotherAddress();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(attacker.post("/api/auth/token", Map.of("email", email, "password", "guess-" + attempt)).status()).isEqualTo(401);
        }
        var throttled = attacker.post("/api/auth/token", Map.of("email", email, "password", "the-real-one"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.text("status")).isEqualTo("429");
        assertThat(throttled.headers().firstValue("Retry-After").map(Integer::valueOf)).hasValueSatisfying(
                seconds -> assertThat(seconds).isBetween(1, 60));
        // another e-mail from the same address is not affected
        assertThat(attacker.post("/api/auth/token", Map.of("email", "admin@bazaar.test", "password", "bazaar-admin")).status()).isEqualTo(200);
    }

    @Test
    void someoneElsesFailedSignInsDoNotLockTheOwnerOutFromTheirOwnAddress() {
        String email = TestApi.uniqueEmail("owner");
        api.post("/api/auth/register", Map.of("email", email, "password", "the-real-one", "name", "Di"));
        var attacker = api.fromAnotherAddress();
        for (int attempt = 1; attempt <= 6; attempt++) {
            attacker.post("/api/auth/token", Map.of("email", email, "password", "guess-" + attempt));
        }
        assertThat(attacker.post("/api/auth/token", Map.of("email", email, "password", "the-real-one")).status()).isEqualTo(429);

        assertThat(api.post("/api/auth/token", Map.of("email", email, "password", "the-real-one")).status()).isEqualTo(200);
    }

    @Test
    void staffAndAdminWritesAreAuditedAndOnlyAdminsReadTheLog() {
        String email = TestApi.uniqueEmail("audited");
        api.as(api.admin()).post("/api/admin/users",
                Map.of("email", email, "password", "long-enough", "name", "Aud", "roles", List.of("STAFF")));
        var log = api.as(api.admin()).get("/api/admin/audit?size=100");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.json().path("items").toString())
                .contains("POST /api/admin/users").contains("admin@bazaar.test");
        assertThat(api.as(api.newCustomer()).get("/api/admin/audit").status()).isEqualTo(403);
        assertThat(api.get("/api/admin/audit").status()).isEqualTo(401);
    }

    @Test
    void aForgedTokenIsPublishedAsAFailedAuthenticationButAGoodOneIsNotPublished() {
        var customer = api.newCustomerWithId();
        String forged = withSignatureChanged(customer.token());
        List<AbstractAuthenticationEvent> seen = new CopyOnWriteArrayList<>();
        ApplicationListener<AbstractAuthenticationEvent> listener = seen::add;
        context.addApplicationListener(listener);
        try {
            assertThat(api.as(customer.token()).get("/api/me").status()).isEqualTo(200);
            assertThat(api.as(forged).get("/api/me").status()).isEqualTo(401);
        } finally {
            context.removeApplicationListener(listener);
        }
        // other tests may be signing in meanwhile: only this customer's two requests count
        assertThat(seen).filteredOn(event -> event.getAuthentication().getName().equals(customer.id().toString())
                || forged.equals(event.getAuthentication().getCredentials()))
                .singleElement()
                .isInstanceOfSatisfying(AuthenticationFailureBadCredentialsEvent.class,
                        failure -> assertThat(failure.getAuthentication().getCredentials()).isEqualTo(forged));
    }

    /** One character in the middle of the signature changed (the last one may only carry padding bits). */
    private static String withSignatureChanged(String token) {
        int at = token.lastIndexOf('.') + 10;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + changed + token.substring(at + 1);
    }
}
