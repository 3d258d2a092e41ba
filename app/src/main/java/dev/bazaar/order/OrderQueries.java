package dev.bazaar.order;

import dev.bazaar.order.internal.OrderReads;
import dev.bazaar.shared.ids.OrderId;
import org.springframework.stereotype.Service;

import java.util.Optional;

/** Reads orders for other modules (notifications carry the order's shape). */
@Service
public class OrderQueries {

    private final OrderReads reads;

    OrderQueries(OrderReads reads) {
        this.reads = reads;
    }

    public Optional<OrderView> find(OrderId id) {
        return reads.find(id);
    }

    public Optional<OrderSummary> summary(OrderId id) {
        return reads.summary(id);
    }
}
