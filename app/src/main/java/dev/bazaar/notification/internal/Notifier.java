package dev.bazaar.notification.internal;

import dev.bazaar.identity.Role;
import dev.bazaar.identity.UserDirectory;
import dev.bazaar.identity.UserSummary;
import dev.bazaar.inventory.StockLow;
import dev.bazaar.order.OrderEvent;
import dev.bazaar.order.OrderQueries;
import dev.bazaar.payment.PaymentRefunded;
import dev.bazaar.platform.events.ListenerTransactions;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Tells people about changes: one e-mail (or, with no mail server configured, one logged notification) per change and
 * recipient, and one webhook event per change. Each change has a stable key (the order and its timeline position, or
 * the refund, or the low-stock crossing), and everything is inserted once per key, so an event delivered twice
 * notifies once.
 */
@Component
class Notifier {

    static final String EMAIL = "email";

    private final NotificationLog log;
    private final Webhooks webhooks;
    private final OrderQueries orders;
    private final UserDirectory users;
    private final ObjectProvider<JavaMailSender> mail;
    private final ListenerTransactions transactions;

    Notifier(NotificationLog log, Webhooks webhooks, OrderQueries orders, UserDirectory users,
             ObjectProvider<JavaMailSender> mail, ListenerTransactions transactions) {
        this.log = log;
        this.webhooks = webhooks;
        this.orders = orders;
        this.users = users;
        this.mail = mail;
        this.transactions = transactions;
    }

    /**
     * Outside a transaction until its one write, which {@link ListenerTransactions} commits together with those of
     * other order changes notified at the same time: two of an order's listener transactions are this one.
     */
    @ApplicationModuleListener(id = "notification.order-changed", propagation = Propagation.NOT_SUPPORTED)
    void on(OrderEvent event) {
        var order = orders.summary(event.orderId()).orElseThrow();
        var customer = users.find(event.customerId());
        var message = Messages.of(event, order, customer.map(UserSummary::name).orElse("customer"));
        if (message == null) {
            return;
        }
        String key = "order:" + event.orderId() + ":" + event.sequence();
        Supplier<Map<String, Object>> data = () -> Map.of("order", orders.find(event.orderId()).orElseThrow());
        transactions.finishInAGroup(() -> {
            if (customer.isEmpty()) {
                webhooks.publish(key, message.type(), event.at(), data);
            } else if (log.recordAndAskSubscribed(entry(customer.get(), key, message, event.orderId(), event.at()), message.type())) {
                webhooks.publishWanted(key, message.type(), event.at(), data);
            }
        });
    }

    @ApplicationModuleListener(id = "notification.refunded")
    void on(PaymentRefunded refunded) {
        var order = orders.summary(refunded.orderId()).orElseThrow();
        var customer = users.find(new UserId(UUID.fromString(order.customerId())));
        var message = Messages.refund(order, refunded.amount(), refunded.reason(),
                customer.map(UserSummary::name).orElse("customer"));
        String key = "refund:" + refunded.orderId() + ":" + refunded.at().toEpochMilli() + ":" + refunded.amount().minorUnits();
        customer.ifPresent(c -> tell(c, key, message, refunded.orderId(), refunded.at()));
        webhooks.publish(key, message.type(), refunded.at(), () -> Map.of("order", orders.find(refunded.orderId()).orElseThrow()));
    }

    @ApplicationModuleListener(id = "notification.stock-low")
    void on(StockLow low) {
        var message = Messages.stockLow(low.sku().value(), low.available(), low.threshold());
        String key = "stock:" + low.sku() + ":" + low.at().toEpochMilli();
        users.withRole(Role.STAFF).forEach(staff -> tell(staff, key, message, null, low.at()));
        webhooks.publish(key, message.type(), low.at(),
                () -> Map.of("sku", low.sku().value(), "available", low.available(), "threshold", low.threshold()));
    }

    private void tell(UserSummary recipient, String key, Messages.Message message, OrderId order, Instant at) {
        log.record(entry(recipient, key, message, order, at));
    }

    private NotificationLog.Entry entry(UserSummary recipient, String key, Messages.Message message, OrderId order, Instant at) {
        String status = mail.getIfAvailable() == null ? "LOGGED" : "PENDING";
        return new NotificationLog.Entry(key, EMAIL, recipient.id().value(), recipient.email(), message.type(),
                Optional.ofNullable(order).map(OrderId::value).orElse(null), message.subject(), message.body(), status, at);
    }
}
