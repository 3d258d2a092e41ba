package dev.bazaar.identity;

import dev.bazaar.identity.internal.Accounts;
import dev.bazaar.shared.ids.UserId;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/** Looks users up for other modules. */
@Service
public class UserDirectory {

    private final Accounts accounts;

    UserDirectory(Accounts accounts) {
        this.accounts = accounts;
    }

    public Optional<UserSummary> find(UserId id) {
        return accounts.find(id).map(u -> new UserSummary(u.id(), u.email(), u.name(), u.roles()));
    }

    /** Everyone holding the role, e.g. the staff to alert about low stock. */
    public List<UserSummary> withRole(Role role) {
        return accounts.withRole(role).stream().map(u -> new UserSummary(u.id(), u.email(), u.name(), u.roles())).toList();
    }
}
