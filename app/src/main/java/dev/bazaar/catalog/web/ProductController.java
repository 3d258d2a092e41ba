package dev.bazaar.catalog.web;

import dev.bazaar.catalog.internal.Product;
import dev.bazaar.catalog.internal.ProductBrowsing;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import dev.bazaar.shared.web.ProblemException;
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

    private final ProductBrowsing browsing;
    private final InventoryQueries inventory;

    ProductController(ProductBrowsing browsing, InventoryQueries inventory) {
        this.browsing = browsing;
        this.inventory = inventory;
    }

    @GetMapping("/api/products")
    PageResponse<ProductResponse> browse(@RequestParam(required = false) @Nullable String q,
                                         @RequestParam(required = false) @Nullable String category,
                                         @Valid Paging paging) {
        var page = browsing.page(q, category, paging);
        return paging.of(responses(page.items()), page.total());
    }

    @GetMapping("/api/products/{id}")
    ProductResponse one(@PathVariable String id) {
        var product = ProductId.parse(id).flatMap(browsing::find)
                .orElseThrow(() -> ProblemException.notFound("Product " + id));
        return responses(List.of(product)).getFirst();
    }

    @GetMapping("/api/categories")
    List<Map<String, String>> categories() {
        return browsing.categories();
    }

    /** One stock query for the whole page, not one per variant. */
    private List<ProductResponse> responses(List<Product> products) {
        var available = inventory.available(products.stream().flatMap(p -> p.skus().stream()).toList());
        return products.stream().map(p -> ProductResponse.from(p, available)).toList();
    }
}
