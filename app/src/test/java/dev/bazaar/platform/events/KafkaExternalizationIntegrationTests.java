package dev.bazaar.platform.events;

import dev.bazaar.StockFixtures;
import dev.bazaar.order.OrderPlacement;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With the kafka profile, order events reach a real (embedded KRaft) broker, keyed by order id. */
@SpringBootTest(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@ActiveProfiles({"test", "kafka"})
@EmbeddedKafka(partitions = 1) // spring-kafka 4 brokers are KRaft only
@Import(StockFixtures.class)
class KafkaExternalizationIntegrationTests {

    @Autowired
    OrderPlacement placement;
    @Autowired
    StockFixtures stock;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void placedOrderIsPublishedToTheOrdersTopicKeyedByOrderId() {
        var order = placement.place(StockFixtures.orderOf(stock.stocked(1)));

        var records = consume("bazaar.orders", Duration.ofSeconds(30), order.id());
        assertThat(records).anySatisfy(record -> {
            assertThat(record.key()).isEqualTo(order.id());
            assertThat(record.value()).contains("\"orderId\"").contains(order.id()).contains(order.number());
        });
    }

    private List<ConsumerRecord<String, String>> consume(String topic, Duration timeout, String untilKey) {
        var found = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && found.stream().noneMatch(r -> untilKey.equals(r.key()))) {
                consumer.poll(Duration.ofMillis(500)).forEach(found::add);
            }
        }
        return found;
    }
}
