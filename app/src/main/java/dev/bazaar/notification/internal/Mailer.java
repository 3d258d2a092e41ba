package dev.bazaar.notification.internal;

import dev.bazaar.platform.outbound.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Sends the e-mails the notifier recorded, after their transaction committed, over SMTP. A failed send is retried
 * with back-off (10 tries, then given up and kept as {@code FAILED}). With no mail server configured
 * ({@code spring.mail.host} unset) nothing is sent: notifications stay in the log as {@code LOGGED}.
 */
@Component
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final int MAX_ATTEMPTS = 10;

    private final NotificationLog notifications;
    private final ObjectProvider<JavaMailSender> mail;
    private final Clock clock;
    private final String from;

    Mailer(NotificationLog notifications, ObjectProvider<JavaMailSender> mail, Clock clock,
           @Value("${bazaar.notification.mail-from}") String from) {
        this.notifications = notifications;
        this.mail = mail;
        this.clock = clock;
        this.from = from;
    }

    @Scheduled(fixedDelayString = "${bazaar.notification.mail-interval:500ms}")
    void sendDue() {
        var sender = mail.getIfAvailable();
        if (sender == null) {
            return;
        }
        for (var due : notifications.leaseDueMails(20)) {
            try {
                var message = new SimpleMailMessage();
                message.setFrom(from);
                message.setTo(due.to());
                message.setSubject(due.subject());
                message.setText(due.body());
                sender.send(message);
                notifications.sent(due.id());
            } catch (RuntimeException e) {
                // the id, not the recipient: a customer's e-mail stays out of the log (so do the failure's messages, which quote it)
                log.warn("Mail {} not sent (attempt {}): {}", due.id(), due.attempt(), Failures.kind(e));
                long backoff = Math.min(300, 1L << Math.min(due.attempt(), 8));
                notifications.retryLater(due.id(), clock.instant().plus(Duration.ofSeconds(backoff)), due.attempt() >= MAX_ATTEMPTS);
            }
        }
    }
}
