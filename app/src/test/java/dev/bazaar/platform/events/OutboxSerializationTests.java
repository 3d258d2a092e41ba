package dev.bazaar.platform.events;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxSerializationTests {

    record Placed(UUID order, List<String> skus, BigDecimal total) {
    }

    static final class Mutable {
        public String status = "PENDING";
    }

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final OutboxSerialization.OncePerEventSerializer serializer = new OutboxSerialization.OncePerEventSerializer(mapper);

    @Test
    void anEventIsWrittenAsTheApplicationsMapperWritesItAndReadsBack() {
        var placed = new Placed(UUID.randomUUID(), List.of("SKU-1", "SKU-2"), new BigDecimal("12.30"));

        Object json = serializer.serialize(placed);

        assertThat(json).isEqualTo(mapper.writeValueAsString(placed));
        assertThat(serializer.deserialize(json, Placed.class)).isEqualTo(placed);
    }

    @Test
    void theSameRecordPublishedToSeveralListenersIsWrittenOnce() {
        var placed = new Placed(UUID.randomUUID(), List.of("SKU-1"), BigDecimal.TEN);

        assertThat(serializer.serialize(placed)).isSameAs(serializer.serialize(placed));
    }

    @Test
    void anEqualButDistinctRecordIsWrittenAnew() {
        var skus = new ArrayList<>(List.of("SKU-1"));
        var first = new Placed(UUID.randomUUID(), skus, BigDecimal.TEN);
        Object firstJson = serializer.serialize(first);
        var second = new Placed(first.order(), List.of("SKU-1", "SKU-2"), BigDecimal.TEN);

        assertThat(serializer.serialize(second)).isNotSameAs(firstJson).asString().contains("SKU-2");
    }

    @Test
    void anEventThatIsNotARecordIsWrittenEveryTime() {
        var event = new Mutable();
        Object before = serializer.serialize(event);
        event.status = "PAID";

        assertThat(before).asString().contains("PENDING");
        assertThat(serializer.serialize(event)).asString().contains("PAID");
    }

    @Test
    void eachThreadRemembersOnlyItsOwnLastEvent() throws InterruptedException {
        var placed = new Placed(UUID.randomUUID(), List.of("SKU-1"), BigDecimal.ONE);
        Object here = serializer.serialize(placed);
        Object[] there = new Object[1];

        Thread thread = Thread.ofVirtual().start(() -> there[0] = serializer.serialize(placed));
        thread.join();

        assertThat(there[0]).isEqualTo(here).isNotSameAs(here);
    }
}
