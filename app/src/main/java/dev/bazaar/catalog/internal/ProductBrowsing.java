package dev.bazaar.catalog.internal;

import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What customers browse: products for sale, by category or by full-text search. */
@Component
public class ProductBrowsing {

    private final Products products;

    ProductBrowsing(Products products) {
        this.products = products;
    }

    public PageResponse<Product> page(@Nullable String query, @Nullable String category, Paging paging) {
        String q = query == null || query.isBlank() ? null : query.strip();
        String c = category == null || category.isBlank() ? null : category.strip();
        return paging.of(products.page(q, c, paging.size(), paging.offset()), products.count(q, c));
    }

    public Optional<Product> find(ProductId id) {
        return products.find(id);
    }

    public List<Map<String, String>> categories() {
        return products.categories();
    }
}
