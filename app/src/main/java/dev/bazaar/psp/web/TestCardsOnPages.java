package dev.bazaar.psp.web;

import dev.bazaar.platform.payments.ConditionalOnSandboxPaymentSystem;
import dev.bazaar.platform.web.WebPage;
import dev.bazaar.psp.internal.TestCards;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;

/**
 * Offers the sandbox's test tokens on the pages that take a payment (checkout, a payment retry), without those pages'
 * modules knowing the sandbox: with another Payment System there is no list, and the page asks for a token.
 */
@ConditionalOnSandboxPaymentSystem
@ControllerAdvice(annotations = WebPage.class)
class TestCardsOnPages {

    @ModelAttribute("testCards")
    List<TestCards.Described> testCards() {
        return TestCards.KNOWN;
    }
}
