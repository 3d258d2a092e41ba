package dev.bazaar.inventory;

import dev.bazaar.inventory.internal.Ledger;
import dev.bazaar.inventory.internal.Ledger.Movement;
import dev.bazaar.inventory.internal.ReservationStatus;
import dev.bazaar.inventory.internal.Reservations;
import dev.bazaar.inventory.internal.StockChanges;
import dev.bazaar.inventory.internal.StockLevels.Delta;
import dev.bazaar.shared.ids.OrderId;
import dev.bazaar.shared.ids.ShipmentId;
import dev.bazaar.shared.ids.Sku;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * An order's hold on stock: reserved at checkout, allocated once paid, shipped, or released. Every method runs in
 * the caller's transaction, so the order's own state and its stock change together or not at all.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class StockReservations {

    private static final String SYSTEM = "system";

    private final Reservations reservations;
    private final StockChanges stock;
    private final Ledger ledger;
    private final Clock clock;

    StockReservations(Reservations reservations, StockChanges stock, Ledger ledger, Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Reserves all lines or none. Stock rows are updated last and in SKU order (one conditional UPDATE each, all in one
     * statement), so the rows are locked only until the caller commits and two orders never wait on each other in a
     * cycle.
     *
     * @throws OutOfStock naming every SKU that is short; the caller's transaction must roll back (it is marked so)
     */
    public void reserve(OrderId order, List<StockLine> lines, Instant expiresAt) {
        Map<Sku, Integer> quantities = StockLine.merged(lines);
        reservations.add(order, quantities, expiresAt, clock.instant());
        var reserved = stock.applyAll(quantities.entrySet().stream()
                .map(line -> new Delta(line.getKey(), 0, line.getValue(), 0)).toList());
        var shortSkus = quantities.keySet().stream().filter(sku -> !reserved.containsKey(sku)).toList();
        if (!shortSkus.isEmpty()) {
            throw new OutOfStock(shortSkus);
        }
    }

    /**
     * Turns the order's reservation into an allocation (it is paid). Idempotent.
     *
     * @return false when there is nothing to allocate because the reservation was released (expired or cancelled)
     */
    public boolean allocate(OrderId order) {
        // the reservation rows are the order's alone (its caller holds the order's lock); stock rows, which other
        // orders share, are then changed in SKU order, as everywhere
        var allocated = reservations.allocate(order, clock.instant());
        if (allocated.isEmpty()) {
            return reservations.any(order, ReservationStatus.ALLOCATED);
        }
        stock.applyAllExpected(allocated.stream().map(h -> new Delta(h.sku(), 0, -h.quantity(), h.quantity())).toList());
        return true;
    }

    /** Gives back whatever the order still holds, reserved or allocated but not shipped. Idempotent. */
    public void release(OrderId order) {
        var held = reservations.lock(order, EnumSet.of(ReservationStatus.RESERVED, ReservationStatus.ALLOCATED));
        stock.applyAllExpected(held.stream().filter(Reservations.Held::holdsStock).map(Reservations.Held::release).toList());
        held.stream().map(Reservations.Held::status).distinct()
                .forEach(status -> reservations.move(order, status, ReservationStatus.RELEASED));
        ledger.record(held.stream()
                .map(h -> new Movement(clock.instant(), h.sku(), 0, "RELEASE", reference(order), SYSTEM, null))
                .toList());
    }

    /**
     * Takes shipped goods off the shelf: allocated and onHand go down by the shipped quantities. Idempotent per
     * shipment, however often it is called.
     *
     * @throws IllegalStateException when more is shipped than the order has allocated
     */
    public void ship(OrderId order, ShipmentId shipment, List<StockLine> lines) {
        Map<Sku, Integer> quantities = StockLine.merged(lines);
        if (!ledger.recordShipmentOnce("shipment:" + shipment, quantities, clock.instant())) {
            return;
        }
        quantities.forEach((sku, quantity) -> {
            if (!reservations.ship(order, sku, quantity)) {
                throw new IllegalStateException("order " + order + " has not " + quantity + " of " + sku + " allocated");
            }
            stock.applyExpected(sku, -quantity, 0, -quantity);
        });
    }

    private static String reference(OrderId order) {
        return Reservations.reference(order);
    }
}
