package dev.bazaar.inventory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.inventory.StockLevelView;
import dev.bazaar.platform.db.AfterCommit;
import dev.bazaar.shared.ids.Sku;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The {@code available} figure that browsing shows, kept in memory so that a product page costs no database query.
 * <p>
 * A change committed through this instance shows at once: every SKU has a version (one of {@value #STRIPES} striped
 * counters, so the memory is bounded), a figure is remembered under the version it was read at, and a committed
 * change moves the version on. A figure read before the commit is stored under the old version, so it cannot be
 * served after it. A change through another instance shows here within {@code bazaar.inventory.available-ttl}.
 * Checkout never reads these figures: it reserves against the stock rows themselves.
 */
@Component
class ShownAvailability {

    private static final int STRIPES = 4096;
    private static final int MAX_SKUS_HELD = 100_000;

    private final StockLevels levels;
    private final AtomicLongArray versions = new AtomicLongArray(STRIPES);
    private final Cache<Key, OptionalInt> figures;

    private record Key(Sku sku, long version) {
    }

    ShownAvailability(StockLevels levels, @Value("${bazaar.inventory.available-ttl:1s}") Duration ttl) {
        this.levels = levels;
        this.figures = Caffeine.newBuilder().maximumSize(MAX_SKUS_HELD).expireAfterWrite(ttl).build();
    }

    /** Available units per SKU; SKUs that are not tracked are absent. Figures not in memory are read in one query. */
    public Map<Sku, Integer> available(Collection<Sku> skus) {
        var found = new HashMap<Sku, Integer>();
        var missing = new ArrayList<Key>();
        for (Sku sku : skus) {
            var key = new Key(sku, versions.get(stripe(sku)));
            var known = figures.getIfPresent(key);
            if (known == null) {
                missing.add(key);
            } else if (known.isPresent()) {
                found.put(sku, known.getAsInt());
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(read(missing));
        }
        return found;
    }

    private Map<Sku, Integer> read(List<Key> missing) {
        var read = new HashMap<Sku, Integer>();
        for (StockLevelView level : levels.findAll(missing.stream().map(Key::sku).toList())) {
            read.put(level.sku(), Math.max(0, level.available()));
        }
        // read inside a transaction, a figure may include that transaction's own changes, which may yet roll back
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return read;
        }
        for (Key key : missing) {
            Integer available = read.get(key.sku());
            figures.put(key, available == null ? OptionalInt.empty() : OptionalInt.of(available));
        }
        return read;
    }

    /** The SKU's stock changed in the current transaction: once it commits, no earlier figure is shown again. */
    void changed(Sku sku) {
        int stripe = stripe(sku);
        AfterCommit.run(() -> versions.incrementAndGet(stripe));
    }

    private static int stripe(Sku sku) {
        return Math.floorMod(sku.value().hashCode(), STRIPES);
    }
}
