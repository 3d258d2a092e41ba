package dev.bazaar.payment.internal;

import dev.bazaar.payment.spi.PaymentGateway;
import dev.bazaar.payment.spi.PaymentGateway.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Asks the provider about an authorisation whose event has not come ({@code bazaar.overdue-payments.after} after the
 * payment began): a webhook can be late or lost (the shop unreachable for longer than the provider retries), and
 * without it the order would wait until its reservation expires and the authorisation is voided. The answer decides
 * the payment as the event would have; the event, when it comes, then changes nothing. No transaction is open during
 * the call.
 */
@Component
public class OverdueAuthorizations {

    private static final Logger log = LoggerFactory.getLogger(OverdueAuthorizations.class);

    private final PaymentRecords records;
    private final PaymentGateway gateway;
    private final WebhookIntake intake;
    private final Clock clock;
    private final Duration after;

    OverdueAuthorizations(PaymentRecords records, PaymentGateway gateway, WebhookIntake intake, Clock clock,
                          @Value("${bazaar.overdue-payments.after:30s}") Duration after) {
        this.records = records;
        this.gateway = gateway;
        this.intake = intake;
        this.clock = clock;
        this.after = after;
    }

    /** Asks about the order's latest attempt if it is still pending that long after it began with the provider. */
    public void askAbout(UUID orderId) {
        var payment = records.latest(orderId)
                .filter(p -> p.awaitsDecision() && p.intentId() != null)
                .filter(p -> p.createdAt().isBefore(clock.instant().minus(after)));
        if (payment.isEmpty()) {
            return;
        }
        String intent = Objects.requireNonNull(payment.get().intentId());
        try {
            gateway.authorization(intent).ifPresent(answer -> intake.decideAsAnswered(intent, answer));
        } catch (GatewayException e) {
            log.debug("Could not ask the provider about intent {} now: {}", intent, e.toString());
        }
    }
}
