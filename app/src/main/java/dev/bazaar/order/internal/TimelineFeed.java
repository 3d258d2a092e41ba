package dev.bazaar.order.internal;

import dev.bazaar.order.OrderStatus;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pushes new timeline entries to the open event streams of their orders. It reads the timeline table (one query for
 * all open streams, a few times a second, asking per order only for what its streams have not been sent yet), not
 * in-JVM events, so a change made on any instance reaches a stream held by any other. A stream ends after its order
 * reaches a final status; idle streams get a heartbeat comment, which is also how a stream whose client went away
 * is noticed and its place in the {@link StreamQuota} given back.
 */
@Component
public class TimelineFeed implements MeterBinder {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(3);

    private final JdbcClient jdbc;
    private final StreamQuota quota;
    private final Map<UUID, List<Subscriber>> open = new ConcurrentHashMap<>();

    TimelineFeed(JdbcClient jdbc,
                 @Value("${bazaar.order-events.max-streams-per-user:20}") int maxStreamsPerUser,
                 @Value("${bazaar.order-events.max-streams:5000}") int maxStreams) {
        this.jdbc = jdbc;
        this.quota = new StreamQuota(maxStreamsPerUser, maxStreams);
    }

    private static final class Subscriber {
        final SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        int lastSent;

        Subscriber(int lastSent) {
            this.lastSent = lastSent;
        }
    }

    /**
     * A stream of the order's status changes after {@code afterSequence}, held by {@code watcher}; already complete
     * if the order is final and nothing is left to send.
     *
     * @throws dev.bazaar.shared.web.ProblemException 429 when the watcher holds too many streams, 503 when the
     *                                                instance does
     */
    public SseEmitter subscribe(OrderId order, UserId watcher, int afterSequence, OrderStatus current) {
        var subscriber = new Subscriber(afterSequence);
        if (current.isFinal() && afterSequence >= lastSequence(order)) {
            subscriber.emitter.complete();
            return subscriber.emitter;
        }
        quota.claim(watcher);
        // adding and removing under the map's per-key lock, so that no stream joins a list that is being dropped
        open.compute(order.value(), (id, list) -> {
            var subscribers = list != null ? list : new CopyOnWriteArrayList<Subscriber>();
            subscribers.add(subscriber);
            return subscribers;
        });
        var ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                open.computeIfPresent(order.value(), (id, list) -> {
                    list.remove(subscriber);
                    return list.isEmpty() ? null : list;
                });
                quota.release(watcher);
            }
        };
        subscriber.emitter.onCompletion(end);
        subscriber.emitter.onTimeout(end);
        subscriber.emitter.onError(e -> end.run());
        opened(subscriber);
        return subscriber.emitter;
    }

    /**
     * Sends the client's reconnection delay at once, which also sends the response's headers: without it a client
     * would not know the stream is open (an {@code EventSource}'s {@code open}) until the first change or heartbeat.
     */
    private static void opened(Subscriber subscriber) {
        synchronized (subscriber) {
            try {
                subscriber.emitter.send(SseEmitter.event().reconnectTime(RECONNECT_AFTER.toMillis()));
            } catch (IOException | IllegalStateException gone) {
                subscriber.emitter.completeWithError(gone);
            }
        }
    }

    public int lastSequence(OrderId order) {
        return jdbc.sql("select coalesce(max(sequence), 0) from ordering.timeline where order_id = :order")
                .param("order", order.value()).query(Integer.class).single();
    }

    private record Entry(UUID order, int sequence, Instant at, String status, String note) {
    }

    @Scheduled(fixedDelayString = "${bazaar.order-events.poll-interval:300ms}")
    void push() {
        // the streams open now: one that opens during this poll may want older entries than these, and waits for the next
        var watched = new HashMap<UUID, List<Subscriber>>();
        open.forEach((order, subscribers) -> watched.put(order, List.copyOf(subscribers)));
        var orders = watched.keySet().toArray(UUID[]::new);
        if (orders.length == 0) {
            return;
        }
        var sentUpTo = new Integer[orders.length];
        for (int i = 0; i < orders.length; i++) {
            sentUpTo[i] = leastSent(watched.get(orders[i]));
        }
        var entries = jdbc.sql("""
                        select t.order_id, t.sequence, t.at, t.status, t.note
                        from unnest(:orders::uuid[], :sentUpTo::int[]) as w (order_id, sent_up_to)
                        join ordering.timeline t on t.order_id = w.order_id and t.sequence > w.sent_up_to
                        order by t.order_id, t.sequence""")
                .param("orders", orders).param("sentUpTo", sentUpTo)
                .query((rs, n) -> new Entry(rs.getObject("order_id", UUID.class), rs.getInt("sequence"),
                        rs.getTimestamp("at").toInstant(), rs.getString("status"), rs.getString("note")))
                .list();
        for (var entry : entries) {
            for (var subscriber : watched.get(entry.order())) {
                deliver(subscriber, entry);
            }
        }
    }

    private static int leastSent(List<Subscriber> subscribers) {
        int least = Integer.MAX_VALUE;
        for (var subscriber : subscribers) {
            synchronized (subscriber) {
                least = Math.min(least, subscriber.lastSent);
            }
        }
        return least;
    }

    private void deliver(Subscriber subscriber, Entry entry) {
        synchronized (subscriber) {
            if (entry.sequence() <= subscriber.lastSent) {
                return;
            }
            try {
                var data = new LinkedHashMap<String, Object>();
                data.put("at", entry.at().toString());
                data.put("status", entry.status());
                data.put("note", entry.note());
                subscriber.emitter.send(SseEmitter.event().id(String.valueOf(entry.sequence())).name(entry.status())
                        .data(data, MediaType.APPLICATION_JSON));
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

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("bazaar.order.streams", quota, StreamQuota::held)
                .description("Live order streams held open by this instance")
                .register(registry);
    }
}
