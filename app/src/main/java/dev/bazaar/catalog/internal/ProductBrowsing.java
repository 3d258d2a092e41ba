package dev.bazaar.catalog.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.catalog.ProductVariantView;
import dev.bazaar.platform.db.AfterCommit;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * What customers browse: products for sale, by category or by full-text search, and the variants their carts show.
 * <p>
 * Browsing is most of a shop's traffic and the catalog changes rarely, so pages, products, categories and variants
 * are kept in memory. Stock is not: the caller adds {@code available} from inventory on every request. A change
 * made through this instance shows at once (every cached answer belongs to a generation, and a committed change
 * starts a new one); a change made through another instance shows here within {@code bazaar.catalog.cache-ttl}.
 */
@Component
public class ProductBrowsing {

    /** About 20,000 products of up to 5,000-character descriptions: a bounded few tens of MiB per cache. */
    private static final int MAX_PRODUCTS_HELD = 20_000;

    /** What a category's name can be (API.md): anything else names none. */
    private static final Pattern CATEGORY_SLUG = Pattern.compile("[a-z0-9-]{1,64}");

    private final Products products;
    private final AtomicLong generation = new AtomicLong();
    private final Cache<PageKey, PageResponse<Product>> pages;
    private final Cache<ProductKey, Optional<Product>> byId;
    private final Cache<Long, List<Map<String, String>>> categories;
    private final Cache<VariantKey, Optional<ProductVariantView>> variants;

    private record PageKey(long generation, @Nullable String query, @Nullable String category, int page, int size) {
    }

    private record ProductKey(long generation, ProductId id) {
    }

    private record VariantKey(long generation, Sku sku) {
    }

    ProductBrowsing(Products products, @Value("${bazaar.catalog.cache-ttl:10s}") Duration ttl) {
        this.products = products;
        // weighed by products held, not by answers: anyone may ask for many distinct pages of up to 100 products
        this.pages = Caffeine.newBuilder().maximumWeight(MAX_PRODUCTS_HELD)
                .weigher((PageKey key, PageResponse<Product> page) -> page.items().size() + 1)
                .expireAfterWrite(ttl).build();
        this.byId = Caffeine.newBuilder().maximumSize(MAX_PRODUCTS_HELD).expireAfterWrite(ttl).build();
        this.categories = Caffeine.newBuilder().maximumSize(2).expireAfterWrite(ttl).build();
        this.variants = Caffeine.newBuilder().maximumSize(MAX_PRODUCTS_HELD).expireAfterWrite(ttl).build();
    }

    public PageResponse<Product> page(@Nullable String query, @Nullable String category, Paging paging) {
        String q = query == null || query.isBlank() ? null : query.strip();
        String c = category == null || category.isBlank() ? null : category.strip();
        if (c != null && !CATEGORY_SLUG.matcher(c).matches()) {
            // names no category: an empty page, and no cache entry for whatever text was sent
            return paging.of(List.of(), 0);
        }
        return pages.get(new PageKey(generation.get(), q, c, paging.page(), paging.size()),
                key -> paging.of(products.page(q, c, paging.size(), paging.offset()), products.count(q, c)));
    }

    public Optional<Product> find(ProductId id) {
        return byId.get(new ProductKey(generation.get(), id), key -> products.find(id));
    }

    /** Variants as carts show them (unknown SKUs absent); misses are read in one query. */
    public Map<Sku, ProductVariantView> variants(Collection<Sku> skus) {
        long current = generation.get();
        var found = new HashMap<Sku, ProductVariantView>();
        var missing = new ArrayList<Sku>();
        for (Sku sku : skus) {
            var known = variants.getIfPresent(new VariantKey(current, sku));
            if (known == null) {
                missing.add(sku);
            } else {
                known.ifPresent(variant -> found.put(sku, variant));
            }
        }
        if (!missing.isEmpty()) {
            var loaded = products.variants(missing);
            missing.forEach(sku -> variants.put(new VariantKey(current, sku), Optional.ofNullable(loaded.get(sku))));
            found.putAll(loaded);
        }
        return found;
    }

    public List<Map<String, String>> categories() {
        return categories.get(generation.get(), key -> products.categories());
    }

    /**
     * The catalog changed in the current transaction: once it commits, no earlier answer is served again. (An answer
     * read before the commit is stored under the old generation, so it cannot outlive the change either.)
     */
    void changed() {
        AfterCommit.run(generation::incrementAndGet);
    }
}
