package dev.bazaar.order.web;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.order.OrderStatus;
import dev.bazaar.order.OrderView;
import dev.bazaar.order.internal.OrderLifecycle;
import dev.bazaar.order.internal.OrderReads;
import dev.bazaar.order.internal.OrderViews;
import dev.bazaar.order.internal.TimelineFeed;
import dev.bazaar.platform.idempotency.Idempotency;
import dev.bazaar.platform.web.WebPage;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.web.Paging;
import dev.bazaar.shared.web.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The customer's order pages: their orders, one order with its payment, parcels and live timeline, and the payment
 * retry and cancellation the API offers ({@code /api/orders}). Another customer's order is not found.
 */
@WebPage
class OrderPageController {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("UTC"));

    private final OrderReads reads;
    private final OrderLifecycle lifecycle;
    private final OrderViews views;
    private final Idempotency idempotency;
    private final TimelineFeed feed;

    OrderPageController(OrderReads reads, OrderLifecycle lifecycle, OrderViews views, Idempotency idempotency,
                        TimelineFeed feed) {
        this.reads = reads;
        this.lifecycle = lifecycle;
        this.views = views;
        this.idempotency = idempotency;
        this.feed = feed;
    }

    @GetMapping("/orders")
    String mine(CurrentUser caller, @RequestParam(defaultValue = "0") int page, Model model) {
        var orders = reads.pageOfCustomer(caller.id(), new Paging(Math.max(0, page), 20));
        model.addAttribute("orders", orders);
        model.addAttribute("pages", Math.max(1, (orders.total() + 19) / 20));
        return "order/orders";
    }

    @GetMapping("/orders/{id}")
    String one(@PathVariable String id, CurrentUser caller, Model model) {
        var orderId = orderId(id);
        // read before the order, so that a change between the two is sent again rather than missed
        int seen = feed.lastSequence(orderId);
        var order = own(id, caller);
        model.addAttribute("order", order);
        model.addAttribute("seen", seen);
        model.addAttribute("payment", PaymentState.of(order));
        model.addAttribute("reservedUntil", order.status().awaitsPayment() && order.reservationExpiresAt() != null
                ? CLOCK.format(order.reservationExpiresAt()) : null);
        model.addAttribute("cancellable", order.status().canTransitionTo(OrderStatus.CANCELLED));
        model.addAttribute("retryKey", UUID.randomUUID().toString());
        return "order/order";
    }

    /**
     * The order page's live stream: the API's ({@code /api/orders/{id}/events}), fed by the same timeline and held in
     * the same quota per user. {@code after} is the timeline position the page was rendered at.
     */
    @GetMapping(path = "/orders/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id, CurrentUser caller, @RequestParam(required = false) @Nullable Integer after,
                      @RequestHeader(value = "Last-Event-ID", required = false) @Nullable Integer lastEventId) {
        var order = own(id, caller);
        var orderId = orderId(id);
        int from = lastEventId != null ? lastEventId : after != null ? after : feed.lastSequence(orderId);
        return feed.subscribe(orderId, caller.id(), from, order.status());
    }

    @PostMapping("/orders/{id}/payments")
    String retryPayment(@PathVariable String id, @RequestParam(defaultValue = "") String paymentToken,
                        @RequestParam(defaultValue = "") String idempotencyKey, CurrentUser caller,
                        RedirectAttributes flash) {
        var orderId = orderId(id);
        try {
            if (paymentToken.isBlank() || paymentToken.length() > 255) {
                throw ProblemException.badRequest("payment-token", "Choose a card to pay with.");
            }
            var request = new OrderController.PaymentRequest(paymentToken);
            idempotency.once(caller.id().value(), idempotencyKey, "payment-retry:" + id, request, () ->
                    ResponseEntity.accepted().body(views.of(lifecycle.retryPayment(orderId, caller, paymentToken))));
            flash.addFlashAttribute("notice", "Paying again with " + paymentToken + ".");
        } catch (ProblemException refused) {
            if (refused.status().value() == 404) {
                throw refused;
            }
            flash.addFlashAttribute("refusal", refused.getMessage());
        }
        return "redirect:/orders/" + id;
    }

    @PostMapping("/orders/{id}/cancel")
    String cancel(@PathVariable String id, CurrentUser caller, RedirectAttributes flash) {
        try {
            lifecycle.cancel(orderId(id), caller);
            flash.addFlashAttribute("notice", "Your order is cancelled.");
        } catch (ProblemException refused) {
            if (refused.status().value() == 404) {
                throw refused;
            }
            flash.addFlashAttribute("refusal", refused.getMessage());
        }
        return "redirect:/orders/" + id;
    }

    /** The caller's own order; any other is not found (as for the API, never saying which). */
    private OrderView own(String id, CurrentUser caller) {
        return OrderId.parse(id).flatMap(reads::find)
                .filter(order -> order.customerId().equals(caller.id().toString()))
                .orElseThrow(() -> ProblemException.notFound("Order " + id));
    }

    private static OrderId orderId(String id) {
        return OrderId.parse(id).orElseThrow(() -> ProblemException.notFound("Order " + id));
    }

    /** The payment in words: while it is being authorised, after it failed (and why), and once it went through. */
    record PaymentState(String label, @Nullable String reason, boolean retryable) {

        static PaymentState of(OrderView order) {
            return switch (order.status()) {
                case PENDING_PAYMENT -> new PaymentState("Authorising…", null, false);
                case PAYMENT_FAILED -> new PaymentState("Failed — retry", lastNote(order), true);
                // the payment status by name, as the API writes it
                default -> new PaymentState(settled(String.valueOf(order.payment().status())), null, false);
            };
        }

        private static String settled(String status) {
            return switch (status) {
                case "AUTHORIZED" -> "Authorised (charged when it ships)";
                case "CAPTURED" -> "Paid";
                case "PARTIALLY_REFUNDED" -> "Paid, partly refunded";
                case "REFUNDED" -> "Refunded";
                case "VOIDED" -> "Voided: nothing was charged";
                case "FAILED" -> "Failed";
                default -> "Pending";
            };
        }

        private static @Nullable String lastNote(OrderView order) {
            var timeline = order.timeline();
            return timeline.isEmpty() ? null : timeline.getLast().note();
        }
    }
}
