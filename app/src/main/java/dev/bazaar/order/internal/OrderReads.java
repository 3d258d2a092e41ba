package dev.bazaar.order.internal;

import dev.bazaar.order.OrderStatus;
import dev.bazaar.order.OrderSummary;
import dev.bazaar.order.OrderView;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.UserId;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Orders as views, one or a page at a time. */
@Component
public class OrderReads {

    private final Orders orders;
    private final OrderViews views;
    private final OrderSummaries summaries;

    OrderReads(Orders orders, OrderViews views, OrderSummaries summaries) {
        this.orders = orders;
        this.views = views;
        this.summaries = summaries;
    }

    public Optional<OrderView> find(OrderId id) {
        return orders.find(id).map(views::of);
    }

    public Optional<OrderSummary> summary(OrderId id) {
        return summaries.find(id, unknown -> orders.find(unknown).map(OrderViews::summary));
    }

    public PageResponse<OrderView> pageOfCustomer(UserId customer, Paging paging) {
        return paging.of(views.of(orders.pageOfCustomer(customer, paging.size(), paging.offset())),
                orders.countOfCustomer(customer));
    }

    /** Orders with items left to ship, oldest first: the staff's work queue. */
    public PageResponse<OrderView> fulfillmentQueue(Paging paging) {
        return paging.of(views.of(orders.awaitingShipment(paging.size(), paging.offset())), orders.countAwaitingShipment());
    }

    public PageResponse<OrderView> page(@Nullable OrderStatus status, Paging paging) {
        return paging.of(views.of(orders.page(status, paging.size(), paging.offset())), orders.count(status));
    }
}
