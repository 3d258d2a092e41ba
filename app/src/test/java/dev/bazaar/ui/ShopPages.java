package dev.bazaar.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import static org.assertj.core.api.Assertions.assertThat;

/** The storefront from the catalog to a placed order: each step waits until its page is there. */
record ShopPages(Browser browser) {

    void searchCatalog(String query) {
        browser.go("/");
        browser.awaitHeading("Catalog");
        browser.type("Search products", query);
        browser.button("Search").click();
        browser.await().until(d -> browser.allByTest("product-card").size() == 1
                && browser.byTest("result-count").getText().equals("1 product"));
        browser.check("catalog-search");
    }

    void openProduct(String name) {
        browser.link(name).click();
        browser.awaitHeading(name);
        browser.check("product");
    }

    String availableOf(String sku) {
        return variant(sku).findElement(By.cssSelector("[data-test='available']")).getText();
    }

    void addToCart(String sku, int quantity) {
        var row = variant(sku);
        var field = row.findElement(By.cssSelector("input[type=number]"));
        field.clear();
        field.sendKeys(String.valueOf(quantity));
        row.findElement(By.xpath(".//button[normalize-space(.)='Add to cart']")).click();
        browser.awaitHeading("Your cart");
        browser.await().until(d -> browser.byTest("notice").getText().equals("Added to your cart."));
        browser.check("cart");
    }

    /** Goes to checkout from the cart, fills the address and chooses standard shipping and this test card. */
    void checkOut(String paymentToken) {
        browser.link("Check out").click();
        browser.awaitHeading("Checkout");
        browser.type("Full name", "Casey Customer");
        browser.type("Street and number", "1 Market Street");
        browser.type("Postal code", "10115");
        browser.type("City", "Berlin");
        browser.type("Country code (two letters, e.g. DE)", "DE");
        browser.byLabelStartingWith("Standard:").click();
        choosePaymentToken(paymentToken);
        browser.check("checkout");
        browser.button("Place order").click();
        browser.awaitHeading("Order");
    }

    /**
     * Checks out from the checkout page with the keyboard alone: the skip link, then Tab from field to field (the
     * shipping method and card keep their defaults, standard and tok_visa), then Enter on "Place order".
     */
    void checkOutByKeyboard() {
        browser.go("/checkout");
        browser.awaitHeading("Checkout");
        press(Keys.TAB);
        assertThat(focused().getText()).isEqualTo("Skip to content");
        press(Keys.ENTER);
        press(Keys.TAB);
        assertThat(focused().getAttribute("id")).isEqualTo("shippingAddress.name");
        focused().sendKeys("Kim Keys");
        press(Keys.TAB);
        focused().sendKeys("2 Key Street");
        press(Keys.TAB, Keys.TAB);
        assertThat(focused().getAttribute("id")).isEqualTo("shippingAddress.postalCode");
        focused().sendKeys("10115");
        press(Keys.TAB);
        focused().sendKeys("Berlin");
        press(Keys.TAB, Keys.TAB);
        assertThat(focused().getAttribute("id")).isEqualTo("method-STANDARD");
        press(Keys.TAB);
        assertThat(focused().getAttribute("id")).isEqualTo("token-tok_visa");
        press(Keys.TAB);
        assertThat(focused().getAttribute("data-test")).isEqualTo("place-order");
        press(Keys.ENTER);
        browser.awaitHeading("Order");
    }

    private WebElement focused() {
        return browser.driver().switchTo().activeElement();
    }

    private void press(Keys... keys) {
        var actions = new Actions(browser.driver());
        for (Keys key : keys) {
            actions.sendKeys(key);
        }
        actions.perform();
    }

    private WebElement variant(String sku) {
        return browser.await().until(d -> d.findElement(By.cssSelector("[data-test='variant'][data-sku='" + sku + "']")));
    }

    void choosePaymentToken(String token) {
        browser.byLabelStartingWith(token + " –").click();
    }
}
