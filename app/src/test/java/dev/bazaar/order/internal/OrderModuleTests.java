package dev.bazaar.order.internal;

import dev.bazaar.BazaarModuleTest;
import dev.bazaar.StockFixtures;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.order.OrderConfirmed;
import dev.bazaar.order.OrderPaymentFailed;
import dev.bazaar.order.OrderQueries;
import dev.bazaar.order.OrderStatus;
import dev.bazaar.payment.PaymentAuthorized;
import dev.bazaar.payment.PaymentFailed;
import dev.bazaar.payment.Payments;
import dev.bazaar.payment.spi.PaymentGateway;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.PaymentId;
import dev.bazaar.shared.ids.Sku;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;

/**
 * The order module with the real inventory, payment and fulfilment beans: how an order follows what the payment
 * module announces. The payment module's port to the Payment System is the one stand-in, since the PSP is another
 * party (its own module, reached over HTTP): it accepts every authorisation request, and the tests announce the
 * outcome the PSP's webhook would have brought.
 */
@BazaarModuleTest
@Import(StockFixtures.class)
class OrderModuleTests {

    @MockitoBean
    PaymentGateway paymentSystem;

    @Autowired
    OrderLifecycle lifecycle;
    @Autowired
    OrderQueries orders;
    @Autowired
    Payments payments;
    @Autowired
    InventoryQueries inventory;
    @Autowired
    StockFixtures stock;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void aPaymentSystemThatTakesEveryRequest() {
        given(paymentSystem.provider()).willReturn("sandbox");
        given(paymentSystem.largestPayment(any())).willAnswer(call -> Money.ofMinor(100_000_000_00L, call.<Currency>getArgument(0)));
        given(paymentSystem.authorize(anyString(), any(), any(), any(), anyString()))
                .willAnswer(call -> "pi_" + UUID.randomUUID());
    }

    @Test
    void aPaymentAuthorisedConfirmsTheOrderAllocatesItsStockAndAnnouncesIt(Scenario scenario) {
        Sku sku = stock.stocked(3);
        Order order = lifecycle.place(StockFixtures.orderOf(sku));

        scenario.publish(authorized(order, order.paymentAttempt()))
                .andWaitForEventOfType(OrderConfirmed.class)
                .matching(confirmed -> confirmed.orderId().equals(order.id()))
                .toArriveAndVerify(confirmed -> {
                    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
                    var level = inventory.level(sku).orElseThrow();
                    assertThat(level.reserved()).as("reserved").isZero();
                    assertThat(level.allocated()).as("allocated").isEqualTo(1);
                });
    }

    @Test
    void aDeclinedPaymentLetsTheCustomerRetryWhileTheStockStaysReserved(Scenario scenario) {
        Sku sku = stock.stocked(3);
        Order order = lifecycle.place(StockFixtures.orderOf(sku));

        scenario.publish(new PaymentFailed(order.id(), paymentOf(order), order.paymentAttempt(), "card_declined",
                        "Your card was declined.", Instant.now()))
                .andWaitForEventOfType(OrderPaymentFailed.class)
                .matching(failed -> failed.orderId().equals(order.id()))
                .toArriveAndVerify(failed -> {
                    assertThat(failed.reason()).isEqualTo("card_declined");
                    assertThat(failed.retryUntil()).as("the customer may retry until").isAfter(failed.at());
                    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
                    assertThat(inventory.level(sku).orElseThrow().reserved()).as("reserved").isEqualTo(1);
                });
    }

    @Test
    void anAuthorisationOfAnEarlierPaymentAttemptLeavesTheOrderWaitingForItsCurrentOne(Scenario scenario) {
        Sku sku = stock.stocked(3);
        Order order = lifecycle.place(StockFixtures.orderOf(sku));
        String earlierAttempt = "attempt-" + UUID.randomUUID();

        scenario.publish(authorized(order, earlierAttempt))
                .andWaitForStateChange(() -> publicationsNaming(earlierAttempt), left -> left == 0)
                .andVerifyEvents(events -> {
                    assertThat(events.ofType(OrderConfirmed.class).matching(c -> c.orderId().equals(order.id()))).isEmpty();
                    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
                    assertThat(inventory.level(sku).orElseThrow().allocated()).as("allocated").isZero();
                });
    }

    private PaymentAuthorized authorized(Order order, String attempt) {
        return new PaymentAuthorized(order.id(), paymentOf(order), attempt, order.total(), Instant.now());
    }

    private PaymentId paymentOf(Order order) {
        return payments.find(order.id()).orElseThrow().paymentId();
    }

    /** The order's listener has run once its event's publication left the outbox (completed publications are deleted). */
    private long publicationsNaming(String text) {
        return jdbc.sql("select count(*) from events.event_publication where serialized_event like '%' || ? || '%'")
                .param(text).query(Long.class).single();
    }
}
