package dev.bazaar.catalog.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.shared.ids.Sku;
import dev.bazaar.shared.web.RenderedJson;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Browsing answers serialised once and then sent as bytes: serialising a page of products was the largest single
 * cost of a browse request (docs/performance-history.md, "Figures behind the code"). A rendered answer is remembered
 * for the very page or product object the catalog cache handed out (weak identity keys), so it cannot outlive it,
 * together with the stock figures it shows: when any of them differs, the answer is rendered again.
 */
@Component
class RenderedAnswers {

    private static final int MAX_BYTES_HELD = 64 * 1024 * 1024;

    private final JsonMapper json;
    private final Cache<Object, Rendered> rendered = Caffeine.newBuilder().weakKeys()
            .maximumWeight(MAX_BYTES_HELD).weigher((Object source, Rendered answer) -> answer.json().bytes().length)
            .build();

    private record Rendered(Map<Sku, Integer> available, RenderedJson<?> json) {
    }

    RenderedAnswers(JsonMapper json) {
        this.json = json;
    }

    /** The answer for {@code source} showing {@code available}, built by {@code answer} only when not rendered yet. */
    @SuppressWarnings("unchecked")
    <T> RenderedJson<T> of(Object source, Map<Sku, Integer> available, Supplier<T> answer) {
        var known = rendered.getIfPresent(source);
        if (known != null && known.available().equals(available)) {
            return (RenderedJson<T>) known.json();
        }
        var fresh = new RenderedJson<T>(json.writeValueAsBytes(answer.get()));
        rendered.put(source, new Rendered(Map.copyOf(available), fresh));
        return fresh;
    }
}
