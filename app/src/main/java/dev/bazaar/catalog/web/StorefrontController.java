package dev.bazaar.catalog.web;

import dev.bazaar.catalog.internal.Product;
import dev.bazaar.catalog.internal.ProductBrowsing;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.platform.web.WebPage;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.ProblemException;
import dev.bazaar.shared.web.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Map;

/** The storefront's catalog pages, open to anyone: the same browsing and availability as {@code /api/products}. */
@WebPage
class StorefrontController {

    static final int PAGE_SIZE = 12;

    private final ProductBrowsing browsing;
    private final InventoryQueries inventory;

    StorefrontController(ProductBrowsing browsing, InventoryQueries inventory) {
        this.browsing = browsing;
        this.inventory = inventory;
    }

    @GetMapping("/")
    String home(@RequestParam(required = false) @Nullable String q,
                @RequestParam(required = false) @Nullable String category,
                @RequestParam(defaultValue = "0") int page, Model model) {
        String query = q == null || q.isBlank() ? null : q.strip();
        if (query != null && query.length() > ProductController.MAX_QUERY_LENGTH) {
            query = query.substring(0, ProductController.MAX_QUERY_LENGTH);
        }
        String shownCategory = category == null || category.isBlank() ? null : category;
        var products = browsing.page(query, shownCategory, new Paging(Math.max(0, page), PAGE_SIZE));
        long pages = Math.max(1, (products.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("q", query == null ? "" : query);
        model.addAttribute("category", shownCategory);
        model.addAttribute("categories", browsing.categories());
        model.addAttribute("products", products.items().stream().map(ProductCard::from).toList());
        model.addAttribute("page", products.page());
        model.addAttribute("pages", pages);
        model.addAttribute("total", products.total());
        return "catalog/home";
    }

    @GetMapping("/products/{id}")
    String product(@PathVariable String id, Model model) {
        var product = ProductId.parse(id).flatMap(browsing::find)
                .orElseThrow(() -> ProblemException.notFound("Product " + id));
        model.addAttribute("product", product);
        model.addAttribute("available", available(product));
        return "catalog/product";
    }

    /** Just the product's availability, which the product page fetches again every few seconds. */
    @GetMapping("/products/{id}/availability")
    String availability(@PathVariable String id, Model model) {
        product(id, model);
        model.addAttribute("availabilityOnly", true);
        return "catalog/product :: availability";
    }

    private Map<Sku, Integer> available(Product product) {
        return inventory.available(product.skus());
    }

    /** A product in a list: its name, category and lowest price. */
    record ProductCard(String id, String name, String description, String category, String fromPrice, int variants) {

        static ProductCard from(Product product) {
            var lowest = product.variants().stream().map(Product.Variant::price)
                    .min((a, b) -> a.amount().compareTo(b.amount())).orElseThrow();
            return new ProductCard(product.id().toString(), product.name(), product.description(), product.category(),
                    lowest.toString(), product.variants().size());
        }
    }
}
