package dev.bazaar.cart;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.Shop;
import dev.bazaar.TestApi;
import dev.bazaar.cart.internal.Carts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A cart holds at most 500 different items; a full cart still takes more of what it holds. */
@BazaarIntegrationTest
class CartLimitIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aFullCartRefusesANewItemWith409AndChangesNothingButStillTakesMoreOfWhatItHolds() {
        var shop = new Shop(new TestApi(port));
        List<String> skus = products(shop.admin(), Carts.MAX_LINES + 1);
        var customer = shop.newCustomer();
        fill(UUID.fromString(customer.get("/api/cart").text("id")), skus.subList(0, Carts.MAX_LINES));
        String oneMore = skus.getLast();
        String held = skus.getFirst();

        var refused = customer.post("/api/cart/items", Map.of("sku", oneMore, "quantity", 1));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).endsWith("/cart-full");
        assertThat(refused.json().path("maxLines").asInt()).isEqualTo(Carts.MAX_LINES);
        assertThat(customer.put("/api/cart/items/" + oneMore, Map.of("quantity", 2)).status()).isEqualTo(409);
        assertThat(customer.get("/api/cart").json().path("items").size()).isEqualTo(Carts.MAX_LINES);

        assertThat(customer.post("/api/cart/items", Map.of("sku", held, "quantity", 2)).status()).isEqualTo(200);
        assertThat(customer.put("/api/cart/items/" + held, Map.of("quantity", 5)).status()).isEqualTo(200);

        assertThat(customer.delete("/api/cart/items/" + held).status()).isEqualTo(200);
        var added = customer.post("/api/cart/items", Map.of("sku", oneMore, "quantity", 1));
        assertThat(added.status()).as("a removed line makes room").isEqualTo(200);
        assertThat(added.json().path("items").size()).isEqualTo(Carts.MAX_LINES);
    }

    /** Products of up to 100 variants each (the most one product has), {@code count} SKUs in all. */
    private static List<String> products(TestApi admin, int count) {
        var skus = new ArrayList<String>();
        while (skus.size() < count) {
            var variants = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < Math.min(100, count - skus.size()); i++) {
                String sku = "FULL-" + UUID.randomUUID().toString().substring(0, 13);
                variants.add(Map.of("sku", sku, "title", "Size " + i, "price", Map.of("amount", "1.00", "currency", "EUR")));
            }
            var created = admin.post("/api/admin/products", Map.of("name", "Many sizes", "description", "A test product",
                    "category", "tests", "variants", variants));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            variants.forEach(variant -> skus.add((String) variant.get("sku")));
        }
        return skus;
    }

    /** Fills the cart directly: 500 adds over HTTP would each answer the whole growing cart. */
    private void fill(UUID cart, List<String> skus) {
        for (String sku : skus) {
            jdbc.sql("insert into cart.cart_lines (cart_id, sku, quantity, added_at) values (:cart, :sku, 1, now())")
                    .param("cart", cart).param("sku", sku).update();
        }
    }
}
