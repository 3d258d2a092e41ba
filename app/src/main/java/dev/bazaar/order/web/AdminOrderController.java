package dev.bazaar.order.web;

import dev.bazaar.order.OrderStatus;
import dev.bazaar.order.OrderView;
import dev.bazaar.order.internal.OrderReads;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every order, newest first, optionally of one status. */
@RestController
class AdminOrderController {

    private final OrderReads reads;

    AdminOrderController(OrderReads reads) {
        this.reads = reads;
    }

    @GetMapping("/api/admin/orders")
    PageResponse<OrderView> all(@RequestParam(required = false) @Nullable OrderStatus status, @Valid Paging paging) {
        return reads.page(status, paging);
    }
}
