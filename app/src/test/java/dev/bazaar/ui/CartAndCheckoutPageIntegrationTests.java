package dev.bazaar.ui;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The cart and checkout forms as a browser without scripts posts them. */
@BazaarIntegrationTest
class CartAndCheckoutPageIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theSameCheckoutFormSubmittedTwicePlacesOneOrder() {
        var api = new TestApi(port);
        String sku = stockedProduct(api);
        String email = TestApi.uniqueEmail("page-twice");
        api.post("/api/auth/register", Map.of("email", email, "password", "password-123", "name", "Twice"));
        var session = new PageSession(port);
        session.signIn(email, "password-123");
        assertThat(session.submit("/cart", "/cart/items", Map.of("sku", sku, "quantity", "1")).statusCode()).isEqualTo(302);

        String form = session.get("/checkout").body();
        var fields = new LinkedHashMap<String, String>();
        fields.put("_csrf", PageSession.hidden(form, "_csrf"));
        fields.put("idempotencyKey", PageSession.hidden(form, "idempotencyKey"));
        fields.putAll(Map.of("shippingAddress.name", "Twice Customer", "shippingAddress.line1", "1 Street",
                "shippingAddress.city", "Berlin", "shippingAddress.postalCode", "10115", "shippingAddress.country", "DE",
                "shippingMethod", "STANDARD", "paymentToken", "tok_visa"));
        var first = session.post("/checkout", fields);
        var second = session.post("/checkout", fields);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
        assertThat(second.statusCode()).isEqualTo(302);
        String orderPage = first.headers().firstValue("Location").orElseThrow();
        assertThat(orderPage).matches(".*/orders/[0-9a-f-]{36}");
        assertThat(second.headers().firstValue("Location")).hasValue(orderPage);
        var orders = api.as(api.tokenFor(email, "password-123")).get("/api/orders");
        assertThat(orders.json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void aCheckoutFormWithMissingFieldsNamesThemAtTheirInputs() {
        var api = new TestApi(port);
        String email = TestApi.uniqueEmail("page-missing");
        api.post("/api/auth/register", Map.of("email", email, "password", "password-123", "name", "Missing"));
        var session = new PageSession(port);
        session.signIn(email, "password-123");
        session.submit("/cart", "/cart/items", Map.of("sku", stockedProduct(api), "quantity", "1"));
        var refused = session.submit("/checkout", "/checkout", Map.of("idempotencyKey", UUID.randomUUID().toString(),
                "shippingAddress.name", "", "shippingAddress.country", "DE", "shippingMethod", "STANDARD", "paymentToken", "tok_visa"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"shippingAddress.name-error\"")
                .contains("aria-describedby=\"shippingAddress.name-error\"");
    }

    @Test
    void theCartWarnsOfLinesShortOfStockAndOfProductsNoLongerSold() {
        var api = new TestApi(port);
        String scarce = stockedProduct(api);
        String retired = stockedProduct(api);
        String email = TestApi.uniqueEmail("page-warn");
        api.post("/api/auth/register", Map.of("email", email, "password", "password-123", "name", "Warned"));
        var session = new PageSession(port);
        session.signIn(email, "password-123");
        session.submit("/cart", "/cart/items", Map.of("sku", scarce, "quantity", "5"));
        session.submit("/cart", "/cart/items", Map.of("sku", retired, "quantity", "1"));
        String retiredProduct = api.get("/api/products?q=" + retired).json().path("items").get(0).path("id").asString();
        assertThat(api.as(api.admin()).delete("/api/admin/products/" + retiredProduct).status()).isLessThan(300);

        String cart = session.get("/cart").body();
        assertThat(cart).contains("Only 3 available now.").contains("No longer sold: remove it to check out.")
                .contains("Remove the items that are no longer sold to check out.").doesNotContain(">Check out</a>");

        var removed = session.submit("/cart", "/cart/items/" + retired + "/remove", Map.of());
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(session.get("/cart").body()).contains(">Check out</a>").doesNotContain("No longer sold");
    }

    private static String stockedProduct(TestApi api) {
        String sku = "UI-" + UUID.randomUUID().toString().substring(0, 12);
        var created = api.as(api.admin()).post("/api/admin/products", Map.of("name", "Twice " + sku,
                "description", "For the checkout page", "category", "ui-tests",
                "variants", List.of(Map.of("sku", sku, "title", "Standard", "price", Map.of("amount", "5.00", "currency", "EUR")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var restocked = api.as(api.newStaff()).with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/inventory/" + sku + "/adjustments", Map.of("delta", 3, "reason", "RESTOCK"));
        assertThat(restocked.status()).isEqualTo(200);
        return sku;
    }
}
