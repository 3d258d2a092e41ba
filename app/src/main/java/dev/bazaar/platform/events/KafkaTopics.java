package dev.bazaar.platform.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.config.TopicBuilder;

/**
 * With the {@code kafka} profile, the events annotated {@code @Externalized} also go to these topics, keyed by order
 * id (or SKU), so that one order's events stay in order for any consumer. Created at start if missing.
 */
@Configuration(proxyBeanMethods = false)
@Profile("kafka")
class KafkaTopics {

    static final int PARTITIONS = 6;

    @Bean
    NewTopic orderEvents() {
        return TopicBuilder.name("bazaar.orders").partitions(PARTITIONS).build();
    }

    @Bean
    NewTopic paymentEvents() {
        return TopicBuilder.name("bazaar.payments").partitions(PARTITIONS).build();
    }

    @Bean
    NewTopic shipmentEvents() {
        return TopicBuilder.name("bazaar.shipments").partitions(PARTITIONS).build();
    }

    @Bean
    NewTopic inventoryEvents() {
        return TopicBuilder.name("bazaar.inventory").partitions(PARTITIONS).build();
    }
}
