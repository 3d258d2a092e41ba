package dev.bazaar.notification;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.bazaar.BazaarApplication;
import dev.bazaar.Shop;
import dev.bazaar.StockFixtures;
import dev.bazaar.TestApi;
import dev.bazaar.order.OrderConfirmed;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real SMTP server (GreenMail) receives exactly one mail per notified change of a whole journey. */
@SpringBootTest(classes = BazaarApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(StockFixtures.class)
class MailIntegrationTests {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(new TestApi(port));
    }

    @Test
    void oneMailPerChangeOfAWholeJourneyEvenWhenAnEventIsDeliveredTwice() {
        var customer = shop.newCustomer();
        String email = customer.get("/api/me").text("email");
        String order = shop.buy(customer, "tok_declined", Map.of(shop.product("8.00", 3), 1)).text("id");
        shop.awaitStatus(order, "PAYMENT_FAILED");
        customer.with("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/orders/" + order + "/payments", Map.of("paymentToken", "tok_visa"));
        shop.awaitStatus(order, "CONFIRMED");
        String shipment = shop.staff().post("/api/fulfillment/orders/" + order + "/shipments",
                Map.of("carrier", "DHL", "trackingNumber", "MAIL-42")).text("id");
        shop.staff().post("/api/fulfillment/shipments/" + shipment + "/delivered", null);

        // the same confirmation delivered again (as after a crash): it must not mail twice
        var customerId = new UserId(UUID.fromString(customer.get("/api/me").text("id")));
        transaction.executeWithoutResult(status -> events.publishEvent(
                new OrderConfirmed(new OrderId(UUID.fromString(order)), customerId, 4, Instant.now())));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(subjectsTo(email)).hasSize(5));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> true);
        var subjects = subjectsTo(email);
        assertThat(subjects).hasSize(5);
        assertThat(subjects).anyMatch(s -> s.startsWith("We received your order"))
                .anyMatch(s -> s.contains("failed")).anyMatch(s -> s.contains("is confirmed"))
                .anyMatch(s -> s.contains("has shipped")).anyMatch(s -> s.contains("was delivered"));
        assertThat(bodiesTo(email)).anyMatch(b -> b.contains("MAIL-42")).anyMatch(b -> b.contains("pay again"));
    }

    private List<String> subjectsTo(String email) {
        return messagesTo(email).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private List<String> bodiesTo(String email) {
        return messagesTo(email).stream().map(m -> {
            try {
                return String.valueOf(m.getContent());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private List<MimeMessage> messagesTo(String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(email));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
