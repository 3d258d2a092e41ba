package dev.bazaar.payment;

import dev.bazaar.RunningShop;
import dev.bazaar.Shop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Payment System whose webhooks come far too late (ten minutes, here): the shop asks it about authorisations whose
 * event is overdue ({@code bazaar.overdue-payments.after}) and decides them by its answer, so a paid order is
 * confirmed, and a declined one fails, long before the event arrives.
 */
class OverduePaymentIntegrationTests {

    private static RunningShop.Folder folder;
    private static RunningShop shop;
    private static Shop driver;
    private static JdbcClient jdbc;

    @BeforeAll
    static void startShopWhosePaymentSystemsWebhooksAreLate() throws IOException {
        folder = RunningShop.Folder.open();
        shop = RunningShop.start(folder.dataDir(), "--bazaar.psp.faults.webhook-delay=10m",
                "--bazaar.overdue-payments.after=1s", "--bazaar.overdue-payments.interval=500ms");
        driver = new Shop(shop.api());
        jdbc = shop.context().getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        shop.close();
        folder.close();
    }

    @Test
    void aPaidOrderWhoseWebhookIsOverdueIsConfirmedByAskingThePaymentSystem() {
        String sku = driver.product("15.00", 2);
        String order = driver.buy(driver.newCustomer(), "tok_visa", Map.of(sku, 1)).text("id");

        driver.awaitStatus(order, "CONFIRMED");

        var view = driver.staff().get("/api/orders/" + order).json();
        assertThat(view.path("payment").path("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(view.path("timeline").valueStream().filter(entry -> entry.path("status").asString().equals("CONFIRMED")))
                .hasSize(1);
        assertThat(webhookAttempts(view.path("payment").path("intentId").asString()))
                .as("decided before its webhook was even sent").isZero();
    }

    @Test
    void aDeclinedPaymentWhoseWebhookIsOverdueFailsWithTheProvidersCode() {
        String sku = driver.product("15.00", 2);
        String order = driver.buy(driver.newCustomer(), "tok_declined", Map.of(sku, 1)).text("id");

        driver.awaitStatus(order, "PAYMENT_FAILED");

        var payment = driver.staff().get("/api/orders/" + order).json().path("payment");
        assertThat(payment.path("status").asString()).isEqualTo("FAILED");
        String intent = payment.path("intentId").asString();
        assertThat(jdbc.sql("select failure_code from payment.payments where intent_id = :intent").param("intent", intent)
                .query(String.class).single()).isEqualTo("card_declined");
        assertThat(webhookAttempts(intent)).isZero();
    }

    private static int webhookAttempts(String intentId) {
        return jdbc.sql("""
                        select attempts from psp.webhook_deliveries
                        where cast(payload as jsonb) -> 'data' ->> 'intentId' = :intent""")
                .param("intent", intentId).query(Integer.class).single();
    }
}
