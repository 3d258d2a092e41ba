package dev.bazaar.identity;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A storefront on another origin ({@code https://storefront.test}, allowed in the test profile) calling the API. */
@BazaarIntegrationTest
class CrossOriginIntegrationTests {

    private static final String STOREFRONT = "https://storefront.test";

    @LocalServerPort
    int port;
    TestApi api;
    Shop shop;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        shop = new Shop(api);
    }

    @Test
    void aBrowserOnTheStorefrontMayPreflightACheckoutWithItsTokenAndIdempotencyKey() {
        var preflight = preflight(STOREFRONT, "POST", "authorization,content-type,idempotency-key", "/api/checkout");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(STOREFRONT);
        assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("POST");
        assertThat(header(preflight, "Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization", "content-type", "idempotency-key");
        assertThat(header(preflight, "Access-Control-Max-Age")).isEqualTo("3600");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).as("bearer tokens, no cookies").isEmpty();
    }

    @Test
    void theStorefrontReadsAnswersAndTheHeadersItNeeds() {
        var customer = shop.newCustomer().with("Origin", STOREFRONT);
        var cart = customer.post("/api/cart/items", Map.of("sku", shop.product("2.00", 3), "quantity", 1));

        assertThat(cart.status()).isEqualTo(200);
        assertThat(header(cart, "Access-Control-Allow-Origin")).isEqualTo(STOREFRONT);
        assertThat(header(cart, "Access-Control-Expose-Headers")).contains("Retry-After", "Location");
    }

    @Test
    void anotherOriginIsRefusedWithAProblemAndChangesNothing() {
        var customer = shop.newCustomer();
        String sku = shop.product("2.00", 3);

        var preflight = preflight("https://evil.test", "POST", "authorization,content-type", "/api/cart/items");
        var add = customer.with("Origin", "https://evil.test").post("/api/cart/items", Map.of("sku", sku, "quantity", 1));

        for (var refused : new TestApi.Response[] {preflight, add}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text("type")).endsWith("/cross-origin-refused");
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        assertThat(customer.get("/api/cart").json().path("items").size()).isZero();
    }

    @Test
    void aHeaderOrMethodTheApiDoesNotTakeIsRefusedInThePreflight() {
        assertThat(preflight(STOREFRONT, "POST", "x-forwarded-for", "/api/checkout").status()).isEqualTo(403);
        assertThat(preflight(STOREFRONT, "PATCH", "authorization", "/api/cart/items/SKU-1").status()).isEqualTo(403);
    }

    @Test
    void aPreflightWhereNoOriginIsAllowedIsRefused() {
        var preflight = preflight(STOREFRONT, "GET", "authorization", "/actuator/health");

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.text("type")).endsWith("/cross-origin-refused");
    }

    @Test
    void requestsWithoutAnOriginAreNotCrossOriginAndCarryNoCorsHeaders() {
        var products = api.get("/api/products");

        assertThat(products.status()).isEqualTo(200);
        assertThat(products.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private TestApi.Response preflight(String origin, String method, String headers, String path) {
        return api.with("Origin", origin).with("Access-Control-Request-Method", method)
                .with("Access-Control-Request-Headers", headers).send("OPTIONS", path, null);
    }

    private static String header(TestApi.Response response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}
