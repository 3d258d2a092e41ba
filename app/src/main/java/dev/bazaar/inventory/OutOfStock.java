package dev.bazaar.inventory;

import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** Some lines cannot be reserved: 409 {@code /out-of-stock} naming every SKU that is short. Nothing was reserved. */
public class OutOfStock extends ProblemException {

    private final List<Sku> skus;

    public OutOfStock(List<Sku> skus) {
        super(HttpStatus.CONFLICT, "out-of-stock", "Out of stock",
                "Not enough stock for: " + String.join(", ", skus.stream().map(Sku::value).toList()),
                Map.of("skus", skus.stream().map(Sku::value).toList()));
        this.skus = List.copyOf(skus);
    }

    public List<Sku> skus() {
        return skus;
    }
}
