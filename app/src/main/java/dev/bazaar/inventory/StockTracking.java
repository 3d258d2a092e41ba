package dev.bazaar.inventory;

import dev.bazaar.inventory.internal.InventoryReadModel;
import dev.bazaar.inventory.internal.Ledger;
import dev.bazaar.inventory.internal.StockChanges;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.ProblemException;
import org.postgresql.util.PSQLException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Which SKUs have stock, and the manual changes staff make to it (each one a ledger entry). */
@Service
public class StockTracking {

    /** The most a SKU can hold on hand (a check constraint of the stock table). */
    public static final int MAX_ON_HAND = 1_000_000_000;

    private final InventoryReadModel levels;
    private final StockChanges stock;
    private final Ledger ledger;
    private final Clock clock;
    private final int defaultThreshold;

    StockTracking(InventoryReadModel levels, StockChanges stock, Ledger ledger, Clock clock,
                  @Value("${bazaar.inventory.low-stock-threshold:5}") int defaultThreshold) {
        this.levels = levels;
        this.stock = stock;
        this.ledger = ledger;
        this.clock = clock;
        this.defaultThreshold = defaultThreshold;
    }

    /** New SKUs start with nothing on hand; SKUs already tracked keep their stock. */
    @Transactional
    public void track(Collection<Sku> skus) {
        if (!skus.isEmpty()) {
            levels.track(skus, defaultThreshold);
        }
    }

    /**
     * Changes a SKU's stock on hand by hand.
     *
     * @throws ProblemException 404 for an untracked SKU, 400 for a delta whose sign does not fit the reason,
     *                          409 when onHand would fall below what is reserved and allocated, or rise above
     *                          {@link #MAX_ON_HAND}
     */
    @Transactional
    public StockLevelView adjust(Sku sku, int delta, AdjustmentReason reason, String note, String actor) {
        checkSign(delta, reason);
        var changed = applyWithinLimit(sku, delta);
        if (changed.isEmpty()) {
            var level = levels.find(sku).orElseThrow(() -> ProblemException.notFound("SKU " + sku.value()));
            throw ProblemException.conflict("stock-below-commitments", "Stock below commitments",
                    "onHand %d%+d would fall below reserved %d + allocated %d.".formatted(
                            level.onHand(), delta, level.reserved(), level.allocated()));
        }
        ledger.record(List.of(new Ledger.Movement(clock.instant(), sku, delta, reason.name(),
                "adjustment:" + UUID.randomUUID(), actor, note)));
        return changed.get();
    }

    private Optional<StockLevelView> applyWithinLimit(Sku sku, int delta) {
        try {
            return stock.apply(sku, delta, 0, 0);
        } catch (DataIntegrityViolationException e) {
            if (e.getMostSpecificCause() instanceof PSQLException sql && sql.getServerErrorMessage() != null
                    && "stock_on_hand_at_most_a_billion".equals(sql.getServerErrorMessage().getConstraint())) {
                throw ProblemException.conflict("stock-above-limit", "Stock above limit",
                        "A SKU holds at most " + MAX_ON_HAND + " units on hand.");
            }
            throw e;
        }
    }

    /** Sets the level at or below which a SKU counts as low on stock. */
    @Transactional
    public StockLevelView setLowStockThreshold(Sku sku, int threshold) {
        return levels.setThreshold(sku, threshold).orElseThrow(() -> ProblemException.notFound("SKU " + sku.value()));
    }

    private static void checkSign(int delta, AdjustmentReason reason) {
        boolean fits = switch (reason) {
            case RESTOCK -> delta > 0;
            case DAMAGE -> delta < 0;
            case CORRECTION -> delta != 0;
        };
        if (!fits) {
            throw ProblemException.badRequest("adjustment-sign",
                    "A " + reason + " needs a " + (reason == AdjustmentReason.RESTOCK ? "positive" : reason == AdjustmentReason.DAMAGE ? "negative" : "non-zero") + " delta.");
        }
    }
}
