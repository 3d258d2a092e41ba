package dev.bazaar.order.internal;

import dev.bazaar.order.OrderStatus;
import dev.bazaar.shared.ids.OrderId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pushes new timeline entries to the open event streams of their orders. It reads the timeline table (one query for
 * all open streams, a few times a second), not in-JVM events, so a change made on any instance reaches a stream held
 * by any other. A stream ends after its order reaches a final status; idle streams get a heartbeat comment.
 */
@Component
public class TimelineFeed {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final Map<UUID, List<Subscriber>> open = new ConcurrentHashMap<>();

    TimelineFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final class Subscriber {
        final SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        int lastSent;

        Subscriber(int lastSent) {
            this.lastSent = lastSent;
        }
    }

    /** A stream of the order's status changes after {@code afterSequence}; already complete if the order is final. */
    public SseEmitter subscribe(OrderId order, int afterSequence, OrderStatus current) {
        var subscriber = new Subscriber(afterSequence);
        if (current.isFinal() && afterSequence >= lastSequence(order)) {
            subscriber.emitter.complete();
            return subscriber.emitter;
        }
        var list = open.computeIfAbsent(order.value(), k -> new CopyOnWriteArrayList<>());
        list.add(subscriber);
        Runnable remove = () -> list.remove(subscriber);
        subscriber.emitter.onCompletion(remove);
        subscriber.emitter.onTimeout(remove);
        subscriber.emitter.onError(e -> remove.run());
        return subscriber.emitter;
    }

    public int lastSequence(OrderId order) {
        return jdbc.sql("select coalesce(max(sequence), 0) from ordering.timeline where order_id = :order")
                .param("order", order.value()).query(Integer.class).single();
    }

    private record Entry(UUID order, int sequence, java.time.Instant at, String status, String note) {
    }

    @Scheduled(fixedDelayString = "${bazaar.order-events.poll-interval:300ms}")
    void push() {
        open.values().removeIf(List::isEmpty);
        if (open.isEmpty()) {
            return;
        }
        var entries = jdbc.sql("""
                        select order_id, sequence, at, status, note from ordering.timeline
                        where order_id = any(:orders) order by order_id, sequence""")
                .param("orders", open.keySet().toArray(UUID[]::new))
                .query((rs, n) -> new Entry(rs.getObject("order_id", UUID.class), rs.getInt("sequence"),
                        rs.getTimestamp("at").toInstant(), rs.getString("status"), rs.getString("note")))
                .list();
        for (var entry : entries) {
            for (var subscriber : open.getOrDefault(entry.order(), List.of())) {
                deliver(subscriber, entry);
            }
        }
    }

    private void deliver(Subscriber subscriber, Entry entry) {
        synchronized (subscriber) {
            if (entry.sequence() <= subscriber.lastSent) {
                return;
            }
            try {
                var data = new java.util.LinkedHashMap<String, Object>();
                data.put("at", entry.at().toString());
                data.put("status", entry.status());
                data.put("note", entry.note());
                subscriber.emitter.send(SseEmitter.event().id(String.valueOf(entry.sequence())).name(entry.status())
                        .data(data, org.springframework.http.MediaType.APPLICATION_JSON));
                subscriber.lastSent = entry.sequence();
                if (OrderStatus.valueOf(entry.status()).isFinal()) {
                    subscriber.emitter.complete();
                }
            } catch (IOException | IllegalStateException gone) {
                subscriber.emitter.completeWithError(gone);
            }
        }
    }

    @Scheduled(fixedDelayString = "${bazaar.order-events.heartbeat:15s}")
    void heartbeat() {
        open.values().forEach(list -> list.forEach(subscriber -> {
            synchronized (subscriber) {
                try {
                    subscriber.emitter.send(SseEmitter.event().comment("keep-alive"));
                } catch (IOException | IllegalStateException gone) {
                    subscriber.emitter.completeWithError(gone);
                }
            }
        }));
    }
}
