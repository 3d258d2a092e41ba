package dev.bazaar.catalog;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.TestApi;
import dev.bazaar.shared.ids.Sku;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins manage the catalog; anyone browses and searches it; stock shows as available units. */
@BazaarIntegrationTest
class CatalogIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ProductCatalog catalog;
    TestApi api;
    TestApi admin;
    String word;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        admin = api.as(api.admin());
        word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void aCreatedProductCanBeBrowsedFilteredAndFound() {
        String category = "cat-" + word;
        var created = admin.post("/api/admin/products", product("Lantern " + word, "A bright lantern", category, sku(), "12.50"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/products/" + id);

        var one = api.get("/api/products/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("variants").get(0).path("price").path("amount").asString()).isEqualTo("12.50");
        assertThat(one.json().path("variants").get(0).path("available").asInt()).isZero();
        assertThat(one.text("category")).isEqualTo(category);

        var inCategory = api.get("/api/products?category=" + category).json();
        assertThat(inCategory.path("total").asInt()).isEqualTo(1);
        assertThat(inCategory.path("items").get(0).path("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/products?q=" + word).json().path("total").asInt()).isEqualTo(1);
        assertThat(api.get("/api/categories").json().toString()).contains(category);
    }

    @Test
    void searchRanksNameMatchesAboveDescriptionMatches() {
        var inDescription = admin.post("/api/admin/products", product("Plain box", "mentions " + word + " once", "tests", sku(), "3.00"));
        var inName = admin.post("/api/admin/products", product("The " + word + " kettle", "a kettle", "tests", sku(), "3.00"));

        var found = api.get("/api/products?q=" + word).json();
        assertThat(found.path("total").asInt()).isEqualTo(2);
        assertThat(found.path("items").get(0).path("id").asString()).isEqualTo(inName.text("id"));
        assertThat(found.path("items").get(1).path("id").asString()).isEqualTo(inDescription.text("id"));
        assertThat(api.get("/api/products?q=%22unbalanced%20quote%20-or").status()).isEqualTo(200);
    }

    @Test
    void availableShowsRestockedUnits() {
        String sku = sku();
        String id = admin.post("/api/admin/products", product("Stocked " + word, "", "tests", sku, "1.00")).text("id");
        var staff = api.as(api.newStaff());
        assertThat(staff.get("/api/inventory/" + sku).json().path("onHand").asInt()).isZero();
        staff.with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/inventory/" + sku + "/adjustments", Map.of("delta", 7, "reason", "RESTOCK"));
        assertThat(api.get("/api/products/" + id).json().path("variants").get(0).path("available").asInt()).isEqualTo(7);
    }

    @Test
    void updatingReplacesVariantsAndArchivingHidesTheProduct() {
        String first = sku();
        String id = admin.post("/api/admin/products", product("Old " + word, "", "tests", first, "1.00")).text("id");
        String second = sku();
        var updated = admin.put("/api/admin/products/" + id, product("New " + word, "now better", "tests", second, "2.00"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("name")).isEqualTo("New " + word);
        assertThat(updated.json().path("variants").size()).isEqualTo(1);
        assertThat(catalog.variants(List.of(new Sku(first))).get(new Sku(first)).archived()).as("removed variant").isTrue();

        assertThat(admin.delete("/api/admin/products/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/products/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/products?q=" + word).json().path("total").asInt()).isZero();
        assertThat(catalog.variants(List.of(new Sku(second))).get(new Sku(second)).archived()).isTrue();
        assertThat(admin.delete("/api/admin/products/" + id).status()).isEqualTo(404);
    }

    @Test
    void browsingAnswersAnyJsonTypeAskedForAndHeadWithoutAToken() {
        var asProblemJson = api.with("Accept", "application/problem+json").get("/api/products?size=1");
        assertThat(asProblemJson.status()).isEqualTo(200);
        assertThat(asProblemJson.json().path("items").isArray()).as(asProblemJson.toString()).isTrue();
        assertThat(api.with("Accept", "application/json").get("/api/categories").status()).isEqualTo(200);

        var html = api.with("Accept", "text/html").get("/api/products");
        assertThat(html.status()).isEqualTo(406);
        assertThat(html.contentType()).startsWith("application/problem+json");

        assertThat(api.send("HEAD", "/api/products?size=1", null).status()).isEqualTo(200);
        assertThat(api.send("HEAD", "/api/categories", null).status()).isEqualTo(200);
    }

    @Test
    void duplicateSkusAreConflicts() {
        String sku = sku();
        admin.post("/api/admin/products", product("One " + word, "", "tests", sku, "1.00"));
        assertThat(admin.post("/api/admin/products", product("Two " + word, "", "tests", sku, "1.00")).status()).isEqualTo(409);
        var twice = product("Three " + word, "", "tests", sku(), "1.00");
        var variant = ((List<?>) twice.get("variants")).getFirst();
        twice.put("variants", List.of(variant, variant));
        assertThat(admin.post("/api/admin/products", twice).status()).isEqualTo(409);
        String other = admin.post("/api/admin/products", product("Four " + word, "", "tests", sku(), "1.00")).text("id");
        assertThat(admin.put("/api/admin/products/" + other, product("Four " + word, "", "tests", sku, "1.00")).status()).isEqualTo(409);
    }

    @Test
    void badProductsAreRefused() {
        assertThat(admin.post("/api/admin/products", product("Dollar", "", "tests", sku(), "1.00", "USD")).status()).isEqualTo(400);
        assertThat(admin.post("/api/admin/products", product("Free", "", "tests", sku(), "0.00")).status()).isEqualTo(400);
        assertThat(admin.post("/api/admin/products", product("Negative", "", "tests", sku(), "-1.00")).status()).isEqualTo(400);
        assertThat(admin.post("/api/admin/products", product("Fraction", "", "tests", sku(), "1.001")).status()).isEqualTo(400);
        assertThat(admin.post("/api/admin/products", product("n".repeat(201), "", "tests", sku(), "1.00")).status()).isEqualTo(400);
        assertThat(admin.post("/api/admin/products", product("Long", "d".repeat(5001), "tests", sku(), "1.00")).status()).isEqualTo(400);
        assertThat(admin.post("/api/admin/products", product("Slug", "", "Not A Slug", sku(), "1.00")).status()).isEqualTo(400);
        assertThat(admin.post("/api/admin/products", product("Sku", "", "tests", "bad sku!", "1.00")).status()).isEqualTo(400);
        var noVariants = product("None", "", "tests", sku(), "1.00");
        noVariants.put("variants", List.of());
        assertThat(admin.post("/api/admin/products", noVariants).status()).isEqualTo(400);
        assertThat(api.get("/api/products?category=no-such-category-" + word).json().path("total").asInt()).isZero();
        assertThat(api.get("/api/products?size=101").status()).isEqualTo(400);
        assertThat(api.get("/api/products?page=-1").status()).isEqualTo(400);
        var notANumber = api.get("/api/products?size=abc");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().path("errors").toString()).contains("\"field\":\"size\"", "must be a whole number");
        assertThat(api.get("/api/products?page=-1&size=0").json().path("errors").toString())
                .contains("\"field\":\"page\"", "must be greater than or equal to 0", "\"field\":\"size\"",
                        "must be greater than or equal to 1");
        assertThat(api.get("/api/products/not-an-id").status()).isEqualTo(404);
        assertThat(api.get("/api/products/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void amountsInExponentNotationAreRefusedWithoutBeingSpelledOut() {
        for (String amount : List.of("1e100000000", "1E+100000000", "1e-100000000", "1.5e2", "0x10", "1234567890123456.00")) {
            var refused = admin.post("/api/admin/products", product("Exponent", "", "tests", sku(), amount));
            assertThat(refused.status()).as(amount).isEqualTo(400);
        }
        assertThat(admin.post("/api/admin/products", product("Plain", "", "tests", sku(), "999999.99")).status()).isEqualTo(201);
    }

    @Test
    void longSearchesAreRefusedAndStrangeCategoriesFindNothing() {
        var longSearch = api.get("/api/products?q=" + "w".repeat(201));
        assertThat(longSearch.status()).isEqualTo(400);
        assertThat(longSearch.json().path("errors").get(0).path("field").asString()).isEqualTo("q");
        assertThat(api.get("/api/products?q=" + "w".repeat(200)).status()).isEqualTo(200);
        var strange = api.get("/api/products?category=" + "c".repeat(65));
        assertThat(strange.status()).isEqualTo(200);
        assertThat(strange.json().path("total").asInt()).isZero();
        assertThat(api.get("/api/products?category=Not%20A%20Slug").json().path("items").size()).isZero();
    }

    @Test
    void onlyAdminsManageTheCatalog() {
        var body = product("Guarded", "", "tests", sku(), "1.00");
        assertThat(api.post("/api/admin/products", body).status()).isEqualTo(401);
        assertThat(api.as(api.newCustomer()).post("/api/admin/products", body).status()).isEqualTo(403);
        assertThat(api.as(api.newStaff()).post("/api/admin/products", body).status()).isEqualTo(403);
        assertThat(api.as(api.newCustomer()).put("/api/admin/products/" + UUID.randomUUID(), body).status()).isEqualTo(403);
        assertThat(api.as(api.newCustomer()).delete("/api/admin/products/" + UUID.randomUUID()).status()).isEqualTo(403);
        assertThat(api.get("/api/products").status()).isEqualTo(200);
    }

    private static Map<String, Object> product(String name, String description, String category, String sku, String price) {
        return product(name, description, category, sku, price, "EUR");
    }

    private static Map<String, Object> product(String name, String description, String category, String sku, String price,
                                               String currency) {
        var body = new HashMap<String, Object>();
        body.put("name", name);
        body.put("description", description);
        body.put("category", category);
        body.put("variants", List.of(Map.of("sku", sku, "title", "Default", "price", Map.of("amount", price, "currency", currency))));
        return body;
    }

    private static String sku() {
        return "CAT-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
