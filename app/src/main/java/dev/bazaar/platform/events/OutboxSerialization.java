package dev.bazaar.platform.events;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * How events are written to the outbox: as JSON from the application's {@link JsonMapper}, exactly as Spring
 * Modulith's own serializer writes them (which this one replaces; Modulith backs off when one is defined), so
 * publications stored by either read back with either. Two things differ, each a cost per publication that showed
 * in a profile of {@code steady} (docs/performance-history.md, "Figures behind the code"):
 * <ul>
 * <li>The mapper is held. Modulith's serializer asks the bean factory for it on every call.</li>
 * <li>An event several listeners receive is written once. Modulith stores one publication per listener, one after
 * another on the publishing thread, and serialises the event for each; {@code OrderPlaced} has two listeners. Only
 * records are reused this way: their fields cannot be reassigned between two publications of one event.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class OutboxSerialization {

    @Bean
    EventSerializer outboxEventSerializer(JsonMapper mapper) {
        return new OncePerEventSerializer(mapper);
    }

    static final class OncePerEventSerializer implements EventSerializer {

        /** The publishing thread's last record and its JSON. */
        private static final ThreadLocal<@Nullable Written> LAST = new ThreadLocal<>();

        private record Written(Object event, String json) {
        }

        private final JsonMapper mapper;

        OncePerEventSerializer(JsonMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public Object serialize(Object event) {
            if (!event.getClass().isRecord()) {
                return mapper.writeValueAsString(event);
            }
            var last = LAST.get();
            if (last != null && last.event() == event) {
                return last.json();
            }
            String json = mapper.writeValueAsString(event);
            LAST.set(new Written(event, json));
            return json;
        }

        @Override
        public <T> T deserialize(Object serialized, Class<T> type) {
            return mapper.readerFor(type).readValue(serialized.toString());
        }
    }
}
