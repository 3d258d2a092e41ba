package dev.bazaar.platform;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear 4xx problem, never a 500 or a stack trace. */
@BazaarIntegrationTest
class ProblemDetailsIntegrationTests {

    @LocalServerPort
    int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        var response = api.postRaw("/api/auth/register", "{\"email\": ");
        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("Exception", "at dev.", "tools.jackson");
    }

    @Test
    void wrongJsonTypesAreABadRequest() {
        assertProblem(api.postRaw("/api/auth/register", "{\"email\": [1,2], \"password\": {}, \"name\": 3}"), 400);
        assertProblem(api.postRaw("/api/auth/register", "[]"), 400);
        assertProblem(api.postRaw("/api/auth/register", ""), 400);
    }

    @Test
    void theNulCharacterIsAnInvalidFieldWhereverTextComesIn() {
        var register = api.postRaw("/api/auth/register", """
                {"email": "%s", "password": "long-enough", "name": "Nul\\u0000Name"}""".formatted(TestApi.uniqueEmail("nul")));
        assertInvalidField(register, "name");
        assertInvalidField(api.postRaw("/api/auth/token", "{\"email\": \"a\\u0000@example.com\", \"password\": \"x\"}"), "email");
        var product = api.as(api.admin()).postRaw("/api/admin/products", """
                {"name": "Nul", "description": "d", "category": "tests", "variants": [{"sku": "NUL-1", "title": "t\\u0000",
                 "price": {"amount": "1.00", "currency": "EUR"}}]}""");
        assertInvalidField(product, "variants[0].title");
        var checkout = api.as(api.newCustomer()).with("Idempotency-Key", "nul-checkout").postRaw("/api/checkout", """
                {"shippingAddress": {"name": "A\\u0000", "line1": "1 Main St", "city": "Berlin", "postalCode": "10115",
                 "country": "DE"}, "shippingMethod": "STANDARD", "paymentToken": "tok_visa"}""");
        assertInvalidField(checkout, "shippingAddress.name");

        assertInvalidField(api.get("/api/products?q=%00"), "q");
        assertInvalidField(api.get("/api/products?size=5&category=a%00b"), "category");
        assertThat(api.get("/api/products?q=100%25").status()).as("a percent sign that is not %00").isEqualTo(200);
    }

    @Test
    void aQueryParameterThatIsNotUtf8IsABadRequest() {
        assertProblem(api.get("/api/products?q=%FF%FE"), 400);
        assertProblem(api.get("/api/products?category=%ED%A0%80"), 400); // an encoded surrogate
        assertProblem(api.as(api.admin()).get("/api/admin/orders?status=%FF"), 400);
        assertProblem(api.get("/api/products?q=%00&category=%FF"), 400);
    }

    @Test
    void whatTomcatRefusesBeforeTheApplicationIsAProblemToo() {
        assertProblem(api.get("/api/products/%00"), 400);
        assertProblem(api.with("X-Padding", "p".repeat(20_000)).get("/api/products"), 400);
    }

    @Test
    void whatFailsOutsideTheHandlersReachesTheErrorPageAsAProblem() {
        var trace = api.send("TRACE", "/api/products", null);
        assertProblem(trace, 405);
        assertThat(trace.body()).doesNotContain("timestamp");
    }

    @Test
    void bodiesOverOneMebibyteAreTooLarge() {
        String huge = "{\"email\": \"" + "a".repeat(1024 * 1024 + 10) + "\"}";
        assertProblem(api.postRaw("/api/auth/register", huge), 413);
    }

    @Test
    void chunkedBodiesOverOneMebibyteAreTooLarge() throws Exception {
        byte[] huge = ("{\"email\": \"" + "a".repeat(1024 * 1024 + 10) + "\"}").getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/register"))
                .header("Content-Type", "application/json")
                // a stream of unknown length goes out chunked, without a Content-Length to refuse it by
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();
        try (var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void unknownPathsAreNotFoundProblems() {
        assertProblem(api.get("/no/such/page"), 404);
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        assertProblem(api.get("/api/auth/register"), 405);
    }

    @Test
    void anUnknownApiPathSaysNothingOfHowTheShopIsBuilt() {
        var response = api.get("/api/products/some-id/no-such-thing");
        assertProblem(response, 404);
        assertThat(response.text("detail")).isEqualTo("Nothing is found at this path.");
    }

    @Test
    void anAcceptHeaderThatCannotBeParsedStillGetsAProblemWithABody() {
        for (String accept : List.of("garbage", "application/json;q=abc")) {
            assertProblem(api.with("Accept", accept).get("/api/products"), 406);
        }
        assertProblem(api.with("Accept", "garbage").get("/api/products/no-such-id"), 404);
        assertProblem(api.with("Accept", "application/xml").get("/api/products"), 406);
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        var response = api.with("Content-Type", "text/plain").send("POST", "/api/auth/token", null);
        assertThat(response.status()).isIn(400, 415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void problemsNameTheirTypeAndInstance() {
        var response = api.post("/api/auth/register", Map.of("email", "not-an-email", "password", "long-enough", "name", "Al"));
        assertProblem(response, 400);
        assertThat(response.text("type")).startsWith("https://bazaar.dev/problems/");
        assertThat(response.text("instance")).isEqualTo("/api/auth/register");
        assertThat(response.text("title")).isNotBlank();
    }

    @Test
    void operationsEndpointsAnswer() {
        var health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        var metrics = api.as(api.admin()).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body().lines().filter(line -> line.startsWith("bazaar_web_waiting{")))
                .anyMatch(line -> line.contains("lane=\"purchases\"")).anyMatch(line -> line.contains("lane=\"others\""));
        assertThat(metrics.body().lines()).anyMatch(line -> line.startsWith("bazaar_events_group_commits_writes_count"));
        var docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(docs.json().path("paths").has("/api/auth/token")).isTrue();
        // answers sent pre-rendered are documented as the shape they render, and paging as its two parameters
        var products = docs.json().path("paths").path("/api/products").path("get");
        assertThat(products.path("responses").path("200").toString()).contains("#/components/schemas/PageResponseProductResponse");
        assertThat(products.path("parameters").findValuesAsString("name")).contains("q", "category", "page", "size");
        assertThat(docs.json().path("paths").path("/api/products/{id}").path("get").path("responses").path("200").toString())
                .contains("#/components/schemas/ProductResponse");
    }

    private static void assertInvalidField(TestApi.Response response, String field) {
        assertProblem(response, 400);
        var errors = response.json().path("errors");
        assertThat(errors.size()).as(response.toString()).isOne();
        assertThat(errors.get(0).path("field").asString()).isEqualTo(field);
        assertThat(errors.get(0).path("message").asString()).isEqualTo("must not contain the NUL character (U+0000)");
    }

    private static void assertProblem(TestApi.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.text("type")).startsWith("https://bazaar.dev/problems/");
    }
}
