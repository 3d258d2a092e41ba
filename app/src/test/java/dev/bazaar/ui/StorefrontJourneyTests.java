package dev.bazaar.ui;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shopper's journeys through the storefront in a real (headless) Chromium, against the whole shop: registering,
 * finding a product, the cart, checkout with the sandbox's test cards and the order page that follows the order
 * live. Every page visited passes axe-core's WCAG 2.1 AA rules and is kept as screenshots (target/ui-artifacts).
 */
@BazaarIntegrationTest
class StorefrontJourneyTests {

    @LocalServerPort
    int port;
    TestApi api;
    Browser browser;

    @BeforeAll
    static void browserInstalled() {
        Browser.requireDriver();
    }

    @BeforeEach
    void openBrowser(TestInfo test) {
        api = new TestApi(port);
        browser = Browser.open("http://127.0.0.1:" + port, test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void newCustomerBuysWithVisaAndWatchesTheOrderMoveOnWithoutAReload() {
        var product = product("Journey lamp", "24.50", 5);
        var account = new AccountPages(browser);
        var shop = new ShopPages(browser);
        account.register("Casey Customer", TestApi.uniqueEmail("ui-buyer"), "password-123");

        shop.searchCatalog(product.name());
        shop.openProduct(product.name());
        assertThat(shop.availableOf(product.sku())).isEqualTo("5 available");
        shop.addToCart(product.sku(), 2);
        assertThat(browser.byTest("subtotal").getText()).isEqualTo("49.00 EUR");
        shop.checkOut("tok_visa");

        var order = new OrderPage(browser);
        browser.markDocument();
        order.awaitStatus("CONFIRMED");
        browser.check("order-confirmed");
        assertThat(order.paymentState()).startsWith("Authorised");
        assertThat(order.timeline()).anySatisfy(entry -> assertThat(entry).contains("CONFIRMED"));

        // staff ship it in two parcels through their API while the customer's page stays open
        String staff = api.newStaff();
        var first = api.as(staff).post("/api/fulfillment/orders/" + order.id() + "/shipments", Map.of("carrier", "DHL",
                "trackingNumber", "UI-1", "items", List.of(Map.of("sku", product.sku(), "quantity", 1))));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        order.awaitStatus("PARTIALLY_SHIPPED");
        var rest = api.as(staff).post("/api/fulfillment/orders/" + order.id() + "/shipments",
                Map.of("carrier", "DHL", "trackingNumber", "UI-2"));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        order.awaitStatus("SHIPPED");
        assertThat(order.trackingNumbers()).containsExactlyInAnyOrder("UI-1", "UI-2");
        assertThat(browser.sameDocument()).as("the order page updated itself, without a reload").isTrue();
        browser.check("order-shipped");

        browser.link("My orders").click();
        browser.awaitHeading("My orders");
        assertThat(browser.allByTest("order-row")).hasSize(1);
        browser.check("my-orders");
        browser.link("Notifications").click();
        browser.awaitHeading("Notifications");
        browser.check("notifications");
    }

    @Test
    void aDeclinedCardIsRetriedWithVisaAndTheOrderIsConfirmed() {
        var product = product("Retry kettle", "12.00", 3);
        var shop = new ShopPages(browser);
        new AccountPages(browser).register("Robin Retry", TestApi.uniqueEmail("ui-retry"), "password-123");
        shop.searchCatalog(product.name());
        shop.openProduct(product.name());
        shop.addToCart(product.sku(), 1);
        shop.checkOut("tok_declined");

        var order = new OrderPage(browser);
        order.awaitStatus("PAYMENT_FAILED");
        assertThat(order.paymentState()).isEqualTo("Failed — retry");
        assertThat(browser.byTest("reserved-until").getText()).matches("Stock reserved until \\d\\d:\\d\\d UTC\\.");
        browser.check("payment-failed");

        order.retryWith("tok_visa");
        order.awaitStatus("CONFIRMED");
        assertThat(browser.allByTest("retry-form")).isEmpty();
        browser.check("retried-confirmed");
    }

    @Test
    void checkoutWorksWithTheKeyboardAlone() {
        var product = product("Keyboard mat", "15.00", 2);
        var shop = new ShopPages(browser);
        new AccountPages(browser).register("Kim Keys", TestApi.uniqueEmail("ui-keys"), "password-123");
        shop.searchCatalog(product.name());
        shop.openProduct(product.name());
        shop.addToCart(product.sku(), 1);

        shop.checkOutByKeyboard();
        new OrderPage(browser).awaitStatus("CONFIRMED");
        browser.check("keyboard-order");
    }

    @Test
    void anAnonymousShopperIsSentToSignInAndBackToTheCart() {
        browser.go("/cart");
        browser.awaitHeading("Sign in");
        assertThat(browser.path()).startsWith("/signin");
        browser.check("signin");

        String email = TestApi.uniqueEmail("ui-return");
        api.post("/api/auth/register", Map.of("email", email, "password", "password-123", "name", "Rae Return"));
        new AccountPages(browser).submitSignIn(email, "wrong-password");
        browser.await().until(d -> browser.byTest("refusal").getText().equals("Wrong e-mail or password."));
        browser.check("signin-refused");
        new AccountPages(browser).submitSignIn(email, "password-123");
        browser.awaitHeading("Your cart");
        assertThat(browser.path()).startsWith("/cart");
    }

    @Test
    void aCustomerOpeningAnotherCustomersOrderFindsNothing() {
        var product = product("Private vase", "9.00", 2);
        var owner = api.newCustomerWithId();
        var customer = api.as(owner.token());
        customer.post("/api/cart/items", Map.of("sku", product.sku(), "quantity", 1));
        var placed = customer.with("Idempotency-Key", UUID.randomUUID().toString()).post("/api/checkout", Map.of(
                "shippingAddress", Map.of("name", "O", "line1", "1 Street", "city", "Berlin", "postalCode", "10115", "country", "DE"),
                "shippingMethod", "STANDARD", "paymentToken", "tok_visa"));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);

        new AccountPages(browser).register("Nosy Parker", TestApi.uniqueEmail("ui-nosy"), "password-123");
        browser.go("/orders/" + placed.text("id"));
        browser.awaitHeading("Not found");
        assertThat(browser.byTest("problem").getText()).isEqualTo("Order " + placed.text("id") + " was not found");
        browser.check("not-found");
    }

    record Product(String id, String name, String sku) {
    }

    /** A product with one variant, under a name no other test uses, with stock on hand. */
    private Product product(String name, String price, int units) {
        String unique = name + " " + UUID.randomUUID().toString().substring(0, 6);
        String sku = "UI-" + UUID.randomUUID().toString().substring(0, 12);
        var created = api.as(api.admin()).post("/api/admin/products", Map.of("name", unique,
                "description", "Made for the storefront journeys", "category", "ui-tests",
                "variants", List.of(Map.of("sku", sku, "title", "Standard", "price", Map.of("amount", price, "currency", "EUR")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var restocked = api.as(api.newStaff()).with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/inventory/" + sku + "/adjustments", Map.of("delta", units, "reason", "RESTOCK"));
        assertThat(restocked.status()).as(restocked.toString()).isEqualTo(200);
        return new Product(created.text("id"), unique, sku);
    }
}
