package dev.bazaar.catalog;

import dev.bazaar.catalog.internal.Products;
import dev.bazaar.shared.ids.Sku;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.Map;

/** The catalog as other modules see it. */
@Service
public class ProductCatalog {

    private final Products products;

    ProductCatalog(Products products) {
        this.products = products;
    }

    /** The variants that exist among these SKUs (archived ones too, flagged), in one query. */
    public Map<Sku, ProductVariantView> variants(Collection<Sku> skus) {
        return skus.isEmpty() ? Map.of() : products.variants(skus);
    }
}
