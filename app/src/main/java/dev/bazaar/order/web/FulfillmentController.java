package dev.bazaar.order.web;

import dev.bazaar.fulfillment.ShipmentLine;
import dev.bazaar.fulfillment.ShipmentView;
import dev.bazaar.identity.CurrentUser;
import dev.bazaar.order.OrderView;
import dev.bazaar.order.internal.OrderFulfillment;
import dev.bazaar.order.internal.OrderReads;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ShipmentId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import dev.bazaar.shared.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Store staff's fulfilment work: the queue of paid orders with items left to ship, shipments, deliveries.
 * Served by the order module because a shipment moves the order; the shipments themselves live in fulfilment.
 */
@RestController
@RequestMapping("/api/fulfillment")
class FulfillmentController {

    private final OrderReads reads;
    private final OrderFulfillment fulfillment;

    FulfillmentController(OrderReads reads, OrderFulfillment fulfillment) {
        this.reads = reads;
        this.fulfillment = fulfillment;
    }

    record ShipRequest(@NotBlank @Size(max = 100) String carrier,
                       @NotBlank @Size(max = 100) String trackingNumber,
                       @Nullable List<@NotNull @Valid Item> items) {
    }

    record Item(@NotNull @Pattern(regexp = Sku.PATTERN) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    record ShipmentResponse(String id, String orderId, String status, String carrier, String trackingNumber,
                            List<Item> items, Instant shippedAt, @Nullable Instant deliveredAt) {
        static ShipmentResponse from(ShipmentView shipment) {
            return new ShipmentResponse(shipment.id().toString(), shipment.orderId().toString(), shipment.status().name(),
                    shipment.carrier(), shipment.trackingNumber(),
                    shipment.items().stream().map(l -> new Item(l.sku().value(), l.quantity())).toList(),
                    shipment.shippedAt(), shipment.deliveredAt());
        }
    }

    /** Confirmed orders with items left to ship, oldest first. */
    @GetMapping("/queue")
    PageResponse<OrderView> queue(@Valid Paging paging) {
        return reads.fulfillmentQueue(paging);
    }

    @PostMapping("/orders/{orderId}/shipments")
    @ResponseStatus(HttpStatus.CREATED)
    ShipmentResponse ship(@PathVariable String orderId, @Valid @RequestBody ShipRequest request, CurrentUser caller) {
        var id = OrderId.parse(orderId).orElseThrow(() -> ProblemException.notFound("Order " + orderId));
        var lines = request.items() == null ? null
                : request.items().stream().map(i -> new ShipmentLine(new Sku(i.sku()), i.quantity())).toList();
        return ShipmentResponse.from(fulfillment.ship(id, lines, request.carrier(), request.trackingNumber(), caller.email()));
    }

    @PostMapping("/shipments/{id}/delivered")
    ShipmentResponse delivered(@PathVariable String id) {
        var shipment = ShipmentId.parse(id).orElseThrow(() -> ProblemException.notFound("Shipment " + id));
        return ShipmentResponse.from(fulfillment.deliver(shipment));
    }
}
