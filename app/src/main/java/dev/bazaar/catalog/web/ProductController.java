package dev.bazaar.catalog.web;

import dev.bazaar.catalog.internal.Product;
import dev.bazaar.catalog.internal.ProductBrowsing;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import dev.bazaar.shared.web.ProblemException;
import dev.bazaar.shared.web.RenderedJson;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Browsing and search, open to anyone. */
@RestController
class ProductController {

    /** Longer searches find nothing a name or description would, and each distinct one is a cache entry. */
    static final int MAX_QUERY_LENGTH = 200;

    private final ProductBrowsing browsing;
    private final InventoryQueries inventory;
    private final RenderedAnswers rendered;

    ProductController(ProductBrowsing browsing, InventoryQueries inventory, RenderedAnswers rendered) {
        this.browsing = browsing;
        this.inventory = inventory;
        this.rendered = rendered;
    }

    @GetMapping("/api/products")
    RenderedJson<PageResponse<ProductResponse>> browse(@RequestParam(required = false) @Nullable String q,
                                                       @RequestParam(required = false) @Nullable String category,
                                                       @Valid Paging paging) {
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            throw ProblemException.invalidField("q", "size must be between 0 and " + MAX_QUERY_LENGTH);
        }
        var page = browsing.page(q, category, paging);
        var available = available(page.items());
        return rendered.of(page, available, () -> page.map(product -> ProductResponse.from(product, available)));
    }

    @GetMapping("/api/products/{id}")
    RenderedJson<ProductResponse> one(@PathVariable String id) {
        var product = ProductId.parse(id).flatMap(browsing::find)
                .orElseThrow(() -> ProblemException.notFound("Product " + id));
        var available = available(List.of(product));
        return rendered.of(product, available, () -> ProductResponse.from(product, available));
    }

    @GetMapping("/api/categories")
    List<Map<String, String>> categories() {
        return browsing.categories();
    }

    /** Asked for the whole page at once: figures not in memory are read in one query, not one per variant. */
    private Map<Sku, Integer> available(List<Product> products) {
        return inventory.available(products.stream().flatMap(p -> p.skus().stream()).toList());
    }
}
