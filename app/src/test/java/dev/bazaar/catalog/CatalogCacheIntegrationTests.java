package dev.bazaar.catalog;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Browsing answers are cached (and so are the stock figures they show), yet a change made through the shop shows on
 * the very next read: every test first reads (filling the cache), then changes, then reads again. A change that
 * another instance made shows within the cache's time to live.
 */
@BazaarIntegrationTest
class CatalogCacheIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    TestApi api;
    TestApi admin;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        admin = api.as(api.admin());
    }

    @Test
    void aRevisedProductShowsItsNewNameDescriptionAndPriceAtOnce() {
        String before = word();
        String after = word();
        String category = "cache-" + word();
        String sku = sku();
        String id = create(product("Lamp " + before, "glows " + before, category, sku, "12.50"));
        assertThat(api.get("/api/products/" + id).text("name")).isEqualTo("Lamp " + before);
        assertThat(onlyItem(api.get("/api/products?category=" + category)).path("name").asString()).isEqualTo("Lamp " + before);
        assertThat(onlyItem(api.get("/api/products?q=" + before)).path("id").asString()).isEqualTo(id);
        assertThat(total(api.get("/api/products?q=" + after))).as("an empty answer, cached too").isZero();

        var revised = admin.put("/api/admin/products/" + id, product("Lamp " + after, "shines " + after, category, sku, "14.00"));
        assertThat(revised.status()).isEqualTo(200);

        var one = api.get("/api/products/" + id);
        assertThat(one.text("name")).isEqualTo("Lamp " + after);
        assertThat(one.text("description")).isEqualTo("shines " + after);
        assertThat(price(one.json())).isEqualTo("14.00");
        var inCategory = onlyItem(api.get("/api/products?category=" + category));
        assertThat(inCategory.path("name").asString()).isEqualTo("Lamp " + after);
        assertThat(price(inCategory)).isEqualTo("14.00");
        var found = onlyItem(api.get("/api/products?q=" + after));
        assertThat(found.path("id").asString()).isEqualTo(id);
        assertThat(found.path("description").asString()).isEqualTo("shines " + after);
        assertThat(total(api.get("/api/products?q=" + before))).isZero();
    }

    @Test
    void aProductMovedToAnotherCategoryLeavesTheOldPageAndJoinsTheNewOneAtOnce() {
        String word = word();
        String from = "cache-" + word();
        String to = "cache-" + word();
        String sku = sku();
        String id = create(product("Rug " + word, "", from, sku, "30.00"));
        assertThat(total(api.get("/api/products?category=" + from))).isEqualTo(1);
        assertThat(total(api.get("/api/products?category=" + to))).isZero();
        assertThat(slugs(api.get("/api/categories"))).contains(from).doesNotContain(to);

        assertThat(admin.put("/api/admin/products/" + id, product("Rug " + word, "", to, sku, "30.00")).status()).isEqualTo(200);

        assertThat(total(api.get("/api/products?category=" + from))).isZero();
        assertThat(onlyItem(api.get("/api/products?category=" + to)).path("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/products/" + id).text("category")).isEqualTo(to);
        assertThat(slugs(api.get("/api/categories"))).contains(to);
    }

    @Test
    void aRefusedRevisionLeavesWhatIsShownAsItWas() {
        String word = word();
        String category = "cache-" + word();
        String taken = sku();
        create(product("Taken " + word, "", category, taken, "1.00"));
        String sku = sku();
        String id = create(product("Kept " + word, "", category, sku, "2.00"));
        assertThat(api.get("/api/products/" + id).text("name")).isEqualTo("Kept " + word);

        var refused = admin.put("/api/admin/products/" + id, product("Changed " + word, "", category, taken, "9.00"));
        assertThat(refused.status()).isEqualTo(409);

        var one = api.get("/api/products/" + id);
        assertThat(one.text("name")).isEqualTo("Kept " + word);
        assertThat(price(one.json())).isEqualTo("2.00");
        assertThat(total(api.get("/api/products?category=" + category))).isEqualTo(2);
    }

    @Test
    void anArchivedProductIsGoneAtOnce() {
        String word = word();
        String category = "cache-" + word();
        String archived = create(product("Vase " + word, "", category, sku(), "20.00"));
        String kept = create(product("Bowl " + word, "", category, sku(), "15.00"));
        assertThat(api.get("/api/products/" + archived).status()).isEqualTo(200);
        assertThat(total(api.get("/api/products?category=" + category))).isEqualTo(2);
        assertThat(total(api.get("/api/products?q=" + word))).isEqualTo(2);

        assertThat(admin.delete("/api/admin/products/" + archived).status()).isEqualTo(204);

        assertThat(api.get("/api/products/" + archived).status()).isEqualTo(404);
        assertThat(onlyItem(api.get("/api/products?category=" + category)).path("id").asString()).isEqualTo(kept);
        assertThat(onlyItem(api.get("/api/products?q=" + word)).path("id").asString()).isEqualTo(kept);
        assertThat(api.get("/api/products/" + kept).status()).isEqualTo(200);
    }

    @Test
    void aNewProductInANewCategoryShowsInTheCategoriesAndOnItsPageAtOnce() {
        String word = word();
        String category = "cache-" + word();
        assertThat(slugs(api.get("/api/categories"))).doesNotContain(category);
        assertThat(total(api.get("/api/products?category=" + category))).isZero();
        assertThat(total(api.get("/api/products?q=" + word))).isZero();

        String id = create(product("Clock " + word, "", category, sku(), "40.00"));

        assertThat(slugs(api.get("/api/categories"))).contains(category);
        assertThat(onlyItem(api.get("/api/products?category=" + category)).path("id").asString()).isEqualTo(id);
        assertThat(onlyItem(api.get("/api/products?q=" + word)).path("id").asString()).isEqualTo(id);
    }

    @Test
    void stockChangedThroughAnotherInstanceShowsWithinTheTimeToLive() {
        var shop = new Shop(api);
        String word = word();
        String sku = sku();
        String id = create(product("Jug " + word, "", "cache-" + word(), sku, "8.00"));
        shop.restock(sku, 5);
        assertThat(available(api.get("/api/products/" + id).json())).isEqualTo(5);

        // what a restock through another instance leaves in the shared database; this instance is not told
        jdbc.sql("update inventory.stock_levels set on_hand = on_hand + 4 where sku = :sku").param("sku", sku).update();
        jdbc.sql("""
                insert into inventory.movements (at, sku, delta, reason, reference, actor)
                values (now(), :sku, 4, 'RESTOCK', :reference, 'other-instance')""")
                .param("sku", sku).param("reference", "other-" + word).update();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(available(api.get("/api/products/" + id).json())).isEqualTo(9));
        assertThat(available(onlyItem(api.get("/api/products?q=" + word)))).isEqualTo(9);
    }

    @Test
    void availableIsCurrentOnEveryAnswerWhileTheProductIsCached() {
        var shop = new Shop(api);
        String word = word();
        String category = "cache-" + word();
        String sku = sku();
        String id = create(product("Mug " + word, "", category, sku, "6.00"));
        shop.restock(sku, 5);
        assertThat(available(api.get("/api/products/" + id).json())).isEqualTo(5);
        assertThat(available(onlyItem(api.get("/api/products?category=" + category)))).isEqualTo(5);
        assertThat(available(onlyItem(api.get("/api/products?q=" + word)))).isEqualTo(5);

        shop.restock(sku, 3);

        assertThat(available(api.get("/api/products/" + id).json())).isEqualTo(8);
        assertThat(available(onlyItem(api.get("/api/products?category=" + category)))).isEqualTo(8);
        assertThat(available(onlyItem(api.get("/api/products?q=" + word)))).isEqualTo(8);

        // a declined card keeps the unit reserved, so nothing later in the order's life moves the count again
        var order = shop.buy(shop.newCustomer(), "tok_declined", Map.of(sku, 1));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);

        assertThat(available(api.get("/api/products/" + id).json())).isEqualTo(7);
        assertThat(available(onlyItem(api.get("/api/products?category=" + category)))).isEqualTo(7);
        assertThat(shop.stock(sku, "onHand")).isEqualTo(8);
    }

    @Test
    void aPriceChangeShowsInTheCartAtOnceAndCheckoutChargesIt() {
        var shop = new Shop(api);
        String word = word();
        String category = "cache-" + word();
        String sku = sku();
        String id = create(product("Vase " + word, "", category, sku, "20.00"));
        shop.restock(sku, 3);
        var customer = shop.newCustomer();
        var cart = customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 2));
        assertThat(cart.json().path("items").get(0).path("unitPrice").path("amount").asString()).isEqualTo("20.00");

        assertThat(admin.put("/api/admin/products/" + id, product("Vase " + word, "", category, sku, "22.50")).status()).isEqualTo(200);

        var shown = customer.get("/api/cart").json();
        assertThat(shown.path("items").get(0).path("unitPrice").path("amount").asString()).isEqualTo("22.50");
        assertThat(shown.path("subtotal").path("amount").asString()).isEqualTo("45.00");
        var order = shop.checkout(customer, UUID.randomUUID().toString(), "tok_declined");
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(order.json().path("items").get(0).path("unitPrice").path("amount").asString()).isEqualTo("22.50");
        assertThat(order.json().path("subtotal").path("amount").asString()).isEqualTo("45.00");
    }

    @Test
    void anArchivedProductCannotBeAddedToACartRightAfterItWasListed() {
        String word = word();
        String sku = sku();
        String id = create(product("Bowl " + word, "", "cache-" + word(), sku, "9.00"));
        var customer = new Shop(api).newCustomer();
        assertThat(customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 1)).status()).isEqualTo(200);

        assertThat(admin.delete("/api/admin/products/" + id).status()).isEqualTo(204);

        var refused = customer.post("/api/cart/items", Map.of("sku", sku, "quantity", 1));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).endsWith("/unavailable");
    }

    private String create(Map<String, Object> body) {
        var created = admin.post("/api/admin/products", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private static JsonNode onlyItem(TestApi.Response page) {
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("total").asInt()).as(page.toString()).isEqualTo(1);
        assertThat(page.json().path("items").size()).isEqualTo(1);
        return page.json().path("items").get(0);
    }

    private static int total(TestApi.Response page) {
        assertThat(page.status()).isEqualTo(200);
        return page.json().path("total").asInt();
    }

    private static List<String> slugs(TestApi.Response categories) {
        assertThat(categories.status()).isEqualTo(200);
        return categories.json().valueStream().map(c -> c.path("slug").asString()).toList();
    }

    private static String price(JsonNode product) {
        return product.path("variants").get(0).path("price").path("amount").asString();
    }

    private static int available(JsonNode product) {
        return product.path("variants").get(0).path("available").asInt();
    }

    private static Map<String, Object> product(String name, String description, String category, String sku, String price) {
        var body = new HashMap<String, Object>();
        body.put("name", name);
        body.put("description", description);
        body.put("category", category);
        body.put("variants", List.of(Map.of("sku", sku, "title", "Default", "price", Map.of("amount", price, "currency", "EUR"))));
        return body;
    }

    private static String word() {
        return "zc" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String sku() {
        return "CACHE-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
