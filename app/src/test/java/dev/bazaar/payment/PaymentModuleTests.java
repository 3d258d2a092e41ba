package dev.bazaar.payment;

import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.OrderId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionOperations;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment module with the sandbox Payment System, and no order module: what the payment module announces once the
 * provider has decided. The sandbox is the real one, a module of its own that payment knows only over HTTP (its
 * answers and its signed webhooks), so this context serves HTTP on a port of its own, behind identity's security
 * rules (payment's controllers name its roles, but payment injects none of its beans); otherwise as
 * {@link dev.bazaar.BazaarModuleTest}. The provider's decision is awaited as the payment's state: its event is published
 * on the thread of the webhook's HTTP request, where the Scenario does not see it (it does see those of listeners).
 */
@ApplicationModuleTest(extraIncludes = {"shared", "platform", "identity", "psp"}, webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PaymentModuleTests {

    private static final Money TOTAL = Money.euros("24.90");

    @Autowired
    Payments payments;
    @Autowired
    TransactionOperations transactions;

    @Test
    void aPaymentTheProviderApprovesIsAnnouncedAsAuthorisedForTheOrdersAttempt(Scenario scenario) {
        var order = OrderId.next();
        String attempt = "attempt-" + UUID.randomUUID();

        scenario.stimulate(() -> authorize(order, "tok_visa", attempt))
                .andWaitForStateChange(() -> statusOf(order), "AUTHORIZED"::equals)
                .andVerify(status -> assertThat(payments.find(order).orElseThrow().authorizedAmount()).isEqualTo(TOTAL));
    }

    @Test
    void aPaymentTheProviderDeclinesIsAnnouncedAsFailedWithItsReason(Scenario scenario) {
        var order = OrderId.next();
        String attempt = "attempt-" + UUID.randomUUID();

        scenario.stimulate(() -> authorize(order, "tok_declined", attempt))
                .andWaitForStateChange(() -> statusOf(order), "FAILED"::equals)
                .andVerify(status -> assertThat(payments.find(order).orElseThrow().failureCode()).isEqualTo("card_declined"));
    }

    @Test
    void aCaptureForAShipmentIsAnnouncedOnceTheProviderHasTakenTheMoney(Scenario scenario) {
        var order = OrderId.next();
        scenario.stimulate(() -> authorize(order, "tok_visa", "attempt-" + UUID.randomUUID()))
                .andWaitForStateChange(() -> statusOf(order), "AUTHORIZED"::equals)
                .andVerify(status -> assertThat(status).isEqualTo("AUTHORIZED"));
        var part = Money.euros("10.00");
        String shipment = "shipment:" + UUID.randomUUID();

        scenario.stimulate(() -> transactions.executeWithoutResult(status -> payments.capture(order, part, shipment)))
                .andWaitForEventOfType(PaymentCaptured.class)
                .matching(captured -> captured.reference().equals(shipment))
                .toArriveAndVerify(captured -> {
                    assertThat(captured.amount()).isEqualTo(part);
                    assertThat(payments.find(order).orElseThrow().capturedAmount()).isEqualTo(part);
                });
    }

    private String statusOf(OrderId order) {
        return payments.find(order).map(payment -> payment.status().name()).orElse("");
    }

    /** As the order module does when an order is placed: in the transaction that records the order. */
    private void authorize(OrderId order, String token, String attempt) {
        transactions.executeWithoutResult(status -> payments.authorize(order, TOTAL, token, attempt));
    }
}
