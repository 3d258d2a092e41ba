package dev.bazaar.order;

import dev.bazaar.order.internal.OrderLifecycle;
import dev.bazaar.order.internal.OrderViews;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Places orders: what checkout calls. */
@Service
public class OrderPlacement {

    private final OrderLifecycle lifecycle;
    private final OrderViews views;

    OrderPlacement(OrderLifecycle lifecycle, OrderViews views) {
        this.lifecycle = lifecycle;
        this.views = views;
    }

    /**
     * Creates the order in {@code PENDING_PAYMENT} and reserves its stock, in the caller's transaction if there is
     * one (checkout empties the cart in the same one).
     *
     * @throws dev.bazaar.inventory.OutOfStock when any line cannot be reserved; then nothing is written
     */
    @Transactional
    public OrderView place(PlaceOrder command) {
        return views.ofPlaced(lifecycle.place(command));
    }
}
