package dev.bazaar.ui;

import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer's order page, whose live part changes as the order moves on. */
record OrderPage(Browser browser) {

    String id() {
        String path = browser.path();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    String status() {
        return browser.byTest("order-status").getText();
    }

    String paymentState() {
        return browser.byTest("payment-state").getText();
    }

    /** Waits, without reloading, until the page says the order is in this status. */
    void awaitStatus(String status) {
        browser.await().withMessage(() -> "order status " + status + ", saw " + status())
                .until(d -> status.equals(status()));
    }

    void awaitPaymentState(String state) {
        browser.await().withMessage(() -> "payment state " + state + ", saw " + paymentState())
                .until(d -> state.equals(paymentState()));
    }

    List<String> timeline() {
        return browser.allByTest("timeline-entry").stream().map(WebElement::getText).toList();
    }

    List<String> trackingNumbers() {
        return browser.allByTest("tracking-number").stream().map(WebElement::getText).toList();
    }

    void retryWith(String token) {
        browser.byTest("retry-form");
        new ShopPages(browser).choosePaymentToken(token);
        browser.button("Pay again").click();
        browser.await().withMessage(() -> browser.path() + ": " + browser.mainText()).until(d -> !browser.allByTest("notice").isEmpty());
        assertThat(browser.byTest("notice").getText()).isEqualTo("Paying again with " + token + ".");
    }
}
