package dev.bazaar.inventory.web;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.inventory.AdjustmentReason;
import dev.bazaar.inventory.StockLevelView;
import dev.bazaar.inventory.StockTracking;
import dev.bazaar.inventory.internal.InventoryReadModel;
import dev.bazaar.inventory.internal.Ledger;
import dev.bazaar.platform.idempotency.Idempotency;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import dev.bazaar.shared.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Stock levels, manual adjustments and the ledger, for store staff and admins (the URL rule says so). */
@RestController
@RequestMapping("/api/inventory")
class InventoryController {

    private final InventoryReadModel levels;
    private final StockTracking tracking;
    private final Idempotency idempotency;

    InventoryController(InventoryReadModel levels, StockTracking tracking, Idempotency idempotency) {
        this.levels = levels;
        this.tracking = tracking;
        this.idempotency = idempotency;
    }

    record StockLevelResponse(String sku, int onHand, int reserved, int allocated, int available, int lowStockThreshold,
                              boolean low) {
        static StockLevelResponse from(StockLevelView level) {
            return new StockLevelResponse(level.sku().value(), level.onHand(), level.reserved(), level.allocated(),
                    level.available(), level.lowStockThreshold(), level.isLow());
        }
    }

    record AdjustmentRequest(@NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta,
                             @NotNull AdjustmentReason reason,
                             @Size(max = 1000) String note) {
    }

    record ThresholdRequest(@NotNull @Min(0) @Max(1_000_000) Integer threshold) {
    }

    record MovementResponse(Instant at, int delta, String reason, String reference, String actor, String note) {
        static MovementResponse from(Ledger.Movement movement) {
            return new MovementResponse(movement.at(), movement.delta(), movement.reason(), movement.reference(),
                    movement.actor(), movement.note());
        }
    }

    @GetMapping("/{sku}")
    StockLevelResponse level(@PathVariable String sku) {
        return StockLevelResponse.from(levels.find(known(sku)).orElseThrow(() -> notFound(sku)));
    }

    @GetMapping
    PageResponse<StockLevelResponse> levels(@RequestParam(defaultValue = "false") boolean lowStock, @Valid Paging paging) {
        var page = levels.page(lowStock, paging.size(), paging.offset()).stream().map(StockLevelResponse::from).toList();
        return paging.of(page, levels.count(lowStock));
    }

    @PostMapping("/{sku}/adjustments")
    ResponseEntity<?> adjust(@PathVariable String sku, @RequestHeader("Idempotency-Key") String key,
                             @Valid @RequestBody AdjustmentRequest request, CurrentUser caller) {
        Sku target = known(sku);
        return idempotency.once(caller.id().value(), key, "inventory-adjustment:" + sku, request, () ->
                ResponseEntity.ok(StockLevelResponse.from(
                        tracking.adjust(target, request.delta(), request.reason(), request.note(), caller.email()))));
    }

    @PutMapping("/{sku}/low-stock-threshold")
    StockLevelResponse threshold(@PathVariable String sku, @Valid @RequestBody ThresholdRequest request) {
        return StockLevelResponse.from(tracking.setLowStockThreshold(known(sku), request.threshold()));
    }

    @GetMapping("/{sku}/movements")
    PageResponse<MovementResponse> movements(@PathVariable String sku, @Valid Paging paging) {
        Sku target = known(sku);
        if (levels.find(target).isEmpty()) {
            throw notFound(sku);
        }
        var page = levels.movements(target, paging.size(), paging.offset()).stream().map(MovementResponse::from).toList();
        return paging.of(page, levels.movementCount(target));
    }

    private static Sku known(String sku) {
        if (!Sku.isWellFormed(sku)) {
            throw notFound(sku);
        }
        return new Sku(sku);
    }

    private static ProblemException notFound(String sku) {
        return ProblemException.notFound("SKU " + (sku.length() > 64 ? sku.substring(0, 64) + "…" : sku));
    }
}
