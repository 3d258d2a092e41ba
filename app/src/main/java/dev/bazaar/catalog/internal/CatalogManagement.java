package dev.bazaar.catalog.internal;

import dev.bazaar.catalog.ProductChanged;
import dev.bazaar.inventory.StockTracking;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;

/** Admins create, revise and archive products; new SKUs start being tracked by inventory in the same transaction. */
@Service
public class CatalogManagement {

    private final Products products;
    private final StockTracking stock;
    private final ProductBrowsing browsing;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CatalogManagement(Products products, StockTracking stock, ProductBrowsing browsing, ApplicationEventPublisher events,
                      Clock clock) {
        this.products = products;
        this.stock = stock;
        this.browsing = browsing;
        this.events = events;
        this.clock = clock;
    }

    /** @throws ProblemException 409 {@code /duplicate-sku} when a SKU exists already or twice in the request */
    @Transactional
    public Product create(String name, String description, String category, List<Product.Variant> variants) {
        requireDistinctSkus(variants);
        var product = Product.create(name, description, category, variants, clock.instant());
        try {
            products.add(product);
        } catch (DuplicateKeyException e) {
            throw duplicateSku();
        }
        stock.track(product.skus());
        browsing.changed();
        events.publishEvent(new ProductChanged(product.id(), clock.instant()));
        return product;
    }

    /** @throws ProblemException 404 unknown or archived; 409 when a SKU belongs to another product */
    @Transactional
    public Product revise(ProductId id, String name, String description, String category, List<Product.Variant> variants) {
        requireDistinctSkus(variants);
        var current = products.find(id).orElseThrow(() -> ProblemException.notFound("Product " + id));
        var revised = current.revise(name, description, category, variants, clock.instant());
        if (!products.update(revised)) {
            throw duplicateSku();
        }
        stock.track(revised.skus());
        browsing.changed();
        events.publishEvent(new ProductChanged(id, clock.instant()));
        return products.find(id).orElseThrow();
    }

    @Transactional
    public void archive(ProductId id) {
        if (!products.archive(id, clock.instant())) {
            throw ProblemException.notFound("Product " + id);
        }
        browsing.changed();
        events.publishEvent(new ProductChanged(id, clock.instant()));
    }

    private static void requireDistinctSkus(List<Product.Variant> variants) {
        var seen = new HashSet<Sku>();
        if (!variants.stream().allMatch(v -> seen.add(v.sku()))) {
            throw duplicateSku();
        }
    }

    private static ProblemException duplicateSku() {
        return ProblemException.conflict("duplicate-sku", "Duplicate SKU",
                "A SKU in the request is used twice, or belongs to another product already.");
    }
}
