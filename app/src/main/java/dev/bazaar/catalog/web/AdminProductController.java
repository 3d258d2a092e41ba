package dev.bazaar.catalog.web;

import dev.bazaar.catalog.internal.CatalogManagement;
import dev.bazaar.catalog.internal.Product;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Admins manage the catalog. */
@RestController
class AdminProductController {

    private final CatalogManagement catalog;
    private final InventoryQueries inventory;

    AdminProductController(CatalogManagement catalog, InventoryQueries inventory) {
        this.catalog = catalog;
        this.inventory = inventory;
    }

    record ProductRequest(@NotBlank @Size(max = 200) String name,
                          @Size(max = 5000) String description,
                          @NotNull @Pattern(regexp = "[a-z0-9-]{1,64}") String category,
                          @NotEmpty @Size(max = 100) List<@NotNull @Valid VariantRequest> variants) {

        List<Product.Variant> toVariants() {
            return variants.stream().map(v -> new Product.Variant(new Sku(v.sku()), v.title(), v.price())).toList();
        }

        String descriptionOrEmpty() {
            return description == null ? "" : description;
        }
    }

    record VariantRequest(@NotNull @Pattern(regexp = Sku.PATTERN) String sku,
                          @NotNull @Size(max = 200) String title,
                          @NotNull @EuroPrice Money price) {
    }

    @PostMapping("/api/admin/products")
    ResponseEntity<ProductResponse> create(@Valid @RequestBody ProductRequest request) {
        var product = catalog.create(request.name().strip(), request.descriptionOrEmpty(), request.category(),
                request.toVariants());
        return ResponseEntity.created(URI.create("/api/products/" + product.id())).body(response(product));
    }

    @PutMapping("/api/admin/products/{id}")
    ProductResponse update(@PathVariable String id, @Valid @RequestBody ProductRequest request) {
        var product = catalog.revise(productId(id), request.name().strip(), request.descriptionOrEmpty(),
                request.category(), request.toVariants());
        return response(product);
    }

    @DeleteMapping("/api/admin/products/{id}")
    ResponseEntity<Void> archive(@PathVariable String id) {
        catalog.archive(productId(id));
        return ResponseEntity.noContent().build();
    }

    private ProductResponse response(Product product) {
        return ProductResponse.from(product, inventory.available(product.skus()));
    }

    private static ProductId productId(String id) {
        return ProductId.parse(id).orElseThrow(() -> ProblemException.notFound("Product " + id));
    }
}
