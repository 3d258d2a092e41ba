package dev.bazaar.catalog;

import dev.bazaar.catalog.internal.ProductBrowsing;
import dev.bazaar.catalog.internal.Products;
import dev.bazaar.shared.ids.Sku;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.Map;

/** The catalog as other modules see it. */
@Service
public class ProductCatalog {

    private final Products products;
    private final ProductBrowsing browsing;

    ProductCatalog(Products products, ProductBrowsing browsing) {
        this.products = products;
        this.browsing = browsing;
    }

    /**
     * The variants as a cart shows them, from memory: a change made through this instance shows at once, one made
     * through another within {@code bazaar.catalog.cache-ttl}. What an order is charged comes from {@link #variants}.
     */
    public Map<Sku, ProductVariantView> listedVariants(Collection<Sku> skus) {
        return skus.isEmpty() ? Map.of() : browsing.variants(skus);
    }

    /** The variants that exist among these SKUs (archived ones too, flagged), as committed now, in one query. */
    public Map<Sku, ProductVariantView> variants(Collection<Sku> skus) {
        return skus.isEmpty() ? Map.of() : products.variants(skus);
    }
}
