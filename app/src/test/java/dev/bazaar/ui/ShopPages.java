package dev.bazaar.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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

    private WebElement variant(String sku) {
        return browser.await().until(d -> d.findElement(By.cssSelector("[data-test='variant'][data-sku='" + sku + "']")));
    }

    void choosePaymentToken(String token) {
        browser.byLabelStartingWith(token + " –").click();
    }
}
