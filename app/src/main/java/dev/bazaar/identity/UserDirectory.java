package dev.bazaar.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.identity.internal.Accounts;
import dev.bazaar.shared.ids.UserId;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Looks users up for other modules. */
@Service
public class UserDirectory {

    private final Accounts accounts;
    /**
     * Accounts are never edited once created, and every notification looks up its recipient: remembering them saves
     * a query per notification. The expiry only bounds how long a future edit could go unseen.
     */
    private final Cache<UserId, UserSummary> known = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    UserDirectory(Accounts accounts) {
        this.accounts = accounts;
    }

    public Optional<UserSummary> find(UserId id) {
        var summary = known.getIfPresent(id);
        if (summary == null) {
            summary = accounts.find(id).map(u -> new UserSummary(u.id(), u.email(), u.name(), u.roles())).orElse(null);
            if (summary != null) {
                known.put(id, summary);
            }
        }
        return Optional.ofNullable(summary);
    }

    /** Everyone holding the role, e.g. the staff to alert about low stock. */
    public List<UserSummary> withRole(Role role) {
        return accounts.withRole(role).stream().map(u -> new UserSummary(u.id(), u.email(), u.name(), u.roles())).toList();
    }
}
