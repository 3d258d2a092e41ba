package dev.bazaar.catalog.internal;

import dev.bazaar.catalog.ProductVariantView;
import dev.bazaar.shared.Money;
import dev.bazaar.shared.ids.ProductId;
import dev.bazaar.shared.ids.Sku;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Products, their variants and categories, in schema {@code catalog}. */
@Repository
public class Products {

    private final JdbcClient jdbc;

    Products(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when a SKU exists already */
    void add(Product product) {
        ensureCategory(product.category());
        jdbc.sql("""
                        insert into catalog.products (id, name, description, category, created_at, updated_at)
                        values (:id, :name, :description, :category, :at, :at)""")
                .param("id", product.id().value()).param("name", product.name())
                .param("description", product.description()).param("category", product.category())
                .param("at", Timestamp.from(product.createdAt()))
                .update();
        jdbc.sql("""
                        insert into catalog.variants (sku, product_id, position, title, price, currency)
                        select v.sku, :product, v.position, v.title, v.price, v.currency
                        from unnest(:skus::text[], :positions::int[], :titles::text[], :prices::numeric[], :currencies::text[])
                             as v (sku, position, title, price, currency)""")
                .param("product", product.id().value())
                .params(variantArrays(product.variants()))
                .update();
    }

    /**
     * Saves a revised product: its variants are replaced by SKU (a SKU left out is kept as removed).
     *
     * @return false when one of the SKUs belongs to another product (nothing is changed then, the caller rolls back)
     */
    boolean update(Product product) {
        ensureCategory(product.category());
        jdbc.sql("""
                        update catalog.products set name = :name, description = :description, category = :category,
                            updated_at = :at where id = :id""")
                .param("id", product.id().value()).param("name", product.name())
                .param("description", product.description()).param("category", product.category())
                .param("at", Timestamp.from(product.updatedAt()))
                .update();
        int upserted = jdbc.sql("""
                        insert into catalog.variants (sku, product_id, position, title, price, currency)
                        select v.sku, :product, v.position, v.title, v.price, v.currency
                        from unnest(:skus::text[], :positions::int[], :titles::text[], :prices::numeric[], :currencies::text[])
                             as v (sku, position, title, price, currency)
                        on conflict (sku) do update set position = excluded.position, title = excluded.title,
                            price = excluded.price, currency = excluded.currency, removed = false
                        where variants.product_id = excluded.product_id""")
                .param("product", product.id().value())
                .params(variantArrays(product.variants()))
                .update();
        if (upserted != product.variants().size()) {
            return false;
        }
        jdbc.sql("update catalog.variants set removed = true where product_id = :product and not (sku = any(:skus::text[]))")
                .param("product", product.id().value())
                .param("skus", product.skus().stream().map(Sku::value).toArray(String[]::new))
                .update();
        return true;
    }

    boolean archive(ProductId id, java.time.Instant at) {
        return jdbc.sql("update catalog.products set archived = true, updated_at = :at where id = :id and not archived")
                .param("id", id.value()).param("at", Timestamp.from(at)).update() == 1;
    }

    /** A product that is for sale (not archived), with its current variants. */
    Optional<Product> find(ProductId id) {
        return load("select * from catalog.products where id = :id and not archived", Map.of("id", id.value()))
                .stream().findFirst();
    }

    /** A page of products for sale, ranked by relevance when there is a query, else newest first. */
    List<Product> page(@Nullable String query, @Nullable String category, int limit, long offset) {
        var params = new HashMap<String, Object>(Map.of("limit", limit, "offset", offset));
        return load(browseSql(query, category, params, false), params);
    }

    long count(@Nullable String query, @Nullable String category) {
        var params = new HashMap<String, Object>();
        return jdbc.sql(browseSql(query, category, params, true)).params(params).query(Long.class).single();
    }

    private static String browseSql(@Nullable String query, @Nullable String category, Map<String, Object> params,
                                    boolean counting) {
        var where = new StringBuilder("not archived");
        if (category != null) {
            where.append(" and category = :category");
            params.put("category", category);
        }
        if (query != null) {
            // websearch syntax: any text a customer types is a valid query (quotes, or, -exclusions)
            where.append(" and search @@ websearch_to_tsquery('english', :q)");
            params.put("q", query);
        }
        if (counting) {
            return "select count(*) from catalog.products where " + where;
        }
        String order = query != null
                ? "ts_rank(search, websearch_to_tsquery('english', :q)) desc, created_at desc, id"
                : "created_at desc, id";
        return "select * from catalog.products where " + where + " order by " + order + " limit :limit offset :offset";
    }

    public Map<Sku, ProductVariantView> variants(Collection<Sku> skus) {
        var found = new HashMap<Sku, ProductVariantView>();
        if (skus.isEmpty()) {
            return found;
        }
        // a list of parameters, not one array, so the statement is planned once, not per call (ADR 0001)
        jdbc.sql("""
                        select v.*, p.name as product_name, p.archived from catalog.variants v
                        join catalog.products p on p.id = v.product_id where v.sku in (:skus)""")
                .param("skus", skus.stream().map(Sku::value).toList())
                .query((rs, n) -> found.put(new Sku(rs.getString("sku")), new ProductVariantView(new Sku(rs.getString("sku")),
                        new ProductId(rs.getObject("product_id", UUID.class)), rs.getString("product_name"),
                        rs.getString("title"), price(rs), rs.getBoolean("archived") || rs.getBoolean("removed"))))
                .list();
        return found;
    }

    public List<Map<String, String>> categories() {
        return jdbc.sql("select slug, name from catalog.categories order by name")
                .query((rs, n) -> Map.of("slug", rs.getString("slug"), "name", rs.getString("name"))).list();
    }

    boolean isEmpty() {
        return jdbc.sql("select not exists (select 1 from catalog.products)").query(Boolean.class).single();
    }

    private void ensureCategory(String slug) {
        String name = slug.replace('-', ' ');
        name = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        jdbc.sql("insert into catalog.categories (slug, name) values (:slug, :name) on conflict (slug) do nothing")
                .param("slug", slug).param("name", name).update();
    }

    private List<Product> load(String sql, Map<String, ?> params) {
        var products = new LinkedHashMap<UUID, Product>();
        jdbc.sql(sql).params(params).query((rs, n) -> products.put(rs.getObject("id", UUID.class), new Product(
                new ProductId(rs.getObject("id", UUID.class)), rs.getString("name"), rs.getString("description"),
                rs.getString("category"), List.of(), rs.getBoolean("archived"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()))).list();
        if (products.isEmpty()) {
            return List.of();
        }
        var variants = new HashMap<UUID, List<Product.Variant>>();
        jdbc.sql("select * from catalog.variants where product_id = any(:ids) and not removed order by product_id, position")
                .param("ids", products.keySet().toArray(UUID[]::new))
                .query((rs, n) -> variants.computeIfAbsent(rs.getObject("product_id", UUID.class), k -> new ArrayList<>())
                        .add(new Product.Variant(new Sku(rs.getString("sku")), rs.getString("title"), price(rs))))
                .list();
        return products.values().stream().map(p -> new Product(p.id(), p.name(), p.description(), p.category(),
                variants.getOrDefault(p.id().value(), List.of()), p.archived(), p.createdAt(), p.updatedAt())).toList();
    }

    private static Money price(ResultSet rs) throws SQLException {
        return new Money(rs.getBigDecimal("price"), Currency.getInstance(rs.getString("currency")));
    }

    private static Map<String, Object> variantArrays(List<Product.Variant> variants) {
        var positions = new Integer[variants.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        return Map.of(
                "skus", variants.stream().map(v -> v.sku().value()).toArray(String[]::new),
                "positions", positions,
                "titles", variants.stream().map(Product.Variant::title).toArray(String[]::new),
                "prices", variants.stream().map(v -> v.price().amount()).toArray(BigDecimal[]::new),
                "currencies", variants.stream().map(v -> v.price().currency().getCurrencyCode()).toArray(String[]::new));
    }
}
