package dev.bazaar.catalog.internal;

import dev.bazaar.inventory.AdjustmentReason;
import dev.bazaar.inventory.StockTracking;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.Sku;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * With demo data on ({@code BAZAAR_DEMO_DATA}), fills an empty catalog from {@code demo/catalog.json}: products over
 * six categories, with stock. Runs once, also when several instances start together (an advisory lock).
 */
@Component
class DemoCatalog {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    record DemoProduct(String name, String description, String category, List<DemoVariant> variants) {
    }

    record DemoVariant(String sku, String title, String price, int stock) {
    }

    private final CatalogManagement catalog;
    private final Products products;
    private final StockTracking stock;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final boolean enabled;

    DemoCatalog(CatalogManagement catalog, Products products, StockTracking stock, TransactionTemplate transaction,
                JdbcClient jdbc, JsonMapper json, @Value("${bazaar.demo-data}") boolean enabled) {
        this.catalog = catalog;
        this.products = products;
        this.stock = stock;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.json = json;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedIfEmpty() {
        if (enabled) {
            seed();
        }
    }

    /** Seeds the demo catalog unless there are products already; answers how many it created. */
    int seed() {
        Integer created = transaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('bazaar.demo-catalog'))").query(Object.class).single();
            if (!products.isEmpty()) {
                return 0;
            }
            var demo = load();
            for (var product : demo) {
                catalog.create(product.name(), product.description(), product.category(), product.variants().stream()
                        .map(v -> new Product.Variant(new Sku(v.sku()), v.title(), Money.euros(v.price()))).toList());
                product.variants().stream().filter(v -> v.stock() > 0).forEach(v ->
                        stock.adjust(new Sku(v.sku()), v.stock(), AdjustmentReason.RESTOCK, "demo stock", "system"));
            }
            return demo.size();
        });
        if (created != null && created > 0) {
            log.info("Seeded the demo catalog: {} products", created);
        }
        return created == null ? 0 : created;
    }

    private List<DemoProduct> load() {
        try (InputStream in = new ClassPathResource("demo/catalog.json").getInputStream()) {
            return json.readValue(in, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
