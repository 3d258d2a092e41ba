package dev.bazaar.notification.internal;

import dev.bazaar.platform.outbound.OutboundTargets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where webhook subscribers may be: the public internet, and what the operator allows
 * ({@code BAZAAR_WEBHOOK_ALLOWED_HOSTS}). Unset, a trial shop (demo data, {@code spring-boot:run}, or the embedded
 * database, which API.md's {@code java -jar bazaar.jar} runs) allows what API.md promises, receivers next to the shop:
 * this machine and the private ranges. A production shop (an external PostgreSQL) allows nothing beyond the public
 * internet unless told. Link-local and cloud metadata addresses are refused either way unless named.
 */
@Configuration(proxyBeanMethods = false)
class WebhookTargetPolicy {

    static final String LOOPBACK = "localhost,127.0.0.0/8,::1/128";
    static final String NEXT_TO_THE_SHOP = LOOPBACK + ",10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

    @Bean
    OutboundTargets webhookTargets(@Value("${bazaar.notification.webhook-allowed-hosts:}") String allowed,
                                   @Value("${bazaar.demo-data:false}") boolean demoData,
                                   @Value("${bazaar.dev-defaults:false}") boolean devDefaults,
                                   @Value("${spring.datasource.url:}") String externalDatabase) {
        boolean trial = demoData || devDefaults || externalDatabase.isBlank();
        return OutboundTargets.allowing(allowed.isBlank() && trial ? NEXT_TO_THE_SHOP : allowed);
    }
}
