package dev.bazaar.order.web;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.order.OrderView;
import dev.bazaar.order.internal.OrderLifecycle;
import dev.bazaar.order.internal.OrderReads;
import dev.bazaar.order.internal.OrderViews;
import dev.bazaar.order.internal.TimelineFeed;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import dev.bazaar.shared.web.ProblemException;
import dev.bazaar.platform.idempotency.Idempotency;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A customer's own orders; staff and admins may read any order, and admins cancel any. */
@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final OrderReads reads;
    private final OrderLifecycle lifecycle;
    private final OrderViews views;
    private final Idempotency idempotency;
    private final TimelineFeed feed;

    OrderController(OrderReads reads, OrderLifecycle lifecycle, OrderViews views, Idempotency idempotency,
                    TimelineFeed feed) {
        this.reads = reads;
        this.lifecycle = lifecycle;
        this.views = views;
        this.idempotency = idempotency;
        this.feed = feed;
    }

    @GetMapping
    PageResponse<OrderView> mine(CurrentUser caller, @Valid Paging paging) {
        return reads.pageOfCustomer(caller.id(), paging);
    }

    @GetMapping("/{id}")
    OrderView one(@PathVariable String id, CurrentUser caller) {
        return OrderId.parse(id).flatMap(reads::find)
                .filter(order -> caller.isStaffOrAdmin() || order.customerId().equals(caller.id().toString()))
                .orElseThrow(() -> ProblemException.notFound("Order " + id));
    }

    record PaymentRequest(@NotBlank @Size(max = 255) String paymentToken) {
    }

    /** Pays again after a failure: 202, the outcome arrives later (on the order, its events and notifications). */
    @PostMapping("/{id}/payments")
    ResponseEntity<?> retryPayment(@PathVariable String id,
                                                           @RequestHeader("Idempotency-Key") String key,
                                                           @Valid @RequestBody PaymentRequest request,
                                                           CurrentUser caller) {
        var orderId = OrderId.parse(id).orElseThrow(() -> ProblemException.notFound("Order " + id));
        return idempotency.once(caller.id().value(), key, "payment-retry:" + id, request, () ->
                ResponseEntity.accepted()
                        .body(views.of(lifecycle.retryPayment(orderId, caller, request.paymentToken()))));
    }

    /**
     * One server-sent event per status change from now on (event name = the new status, id = its timeline position;
     * send {@code Last-Event-ID} to resume), ending once the order is final.
     */
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id, CurrentUser caller,
                      @RequestHeader(value = "Last-Event-ID", required = false) Integer lastEventId) {
        var order = one(id, caller);
        var orderId = OrderId.parse(id).orElseThrow();
        int after = lastEventId != null ? lastEventId : feed.lastSequence(orderId);
        return feed.subscribe(orderId, caller.id(), after, order.status());
    }

    @PostMapping("/{id}/cancel")
    OrderView cancel(@PathVariable String id, CurrentUser caller) {
        var orderId = OrderId.parse(id).orElseThrow(() -> ProblemException.notFound("Order " + id));
        return views.of(lifecycle.cancel(orderId, caller));
    }
}
