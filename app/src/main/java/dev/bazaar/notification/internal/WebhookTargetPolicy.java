package dev.bazaar.notification.internal;

import dev.bazaar.platform.outbound.OutboundTargets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where webhook subscribers may be: the public internet, and what the operator allows
 * ({@code BAZAAR_WEBHOOK_ALLOWED_HOSTS}). A demo shop ({@code spring-boot:run}, demo data) allows this machine when
 * nothing is configured, so a receiver on the developer's machine works out of the box; a production shop allows
 * nothing beyond the public internet unless told.
 */
@Configuration(proxyBeanMethods = false)
class WebhookTargetPolicy {

    static final String LOOPBACK = "localhost,127.0.0.0/8,::1/128";

    @Bean
    OutboundTargets webhookTargets(@Value("${bazaar.notification.webhook-allowed-hosts:}") String allowed,
                                   @Value("${bazaar.demo-data:false}") boolean demoData,
                                   @Value("${bazaar.dev-defaults:false}") boolean devDefaults) {
        return OutboundTargets.allowing(allowed.isBlank() && (demoData || devDefaults) ? LOOPBACK : allowed);
    }
}
