package dev.bazaar.identity;

import dev.bazaar.shared.ids.UserId;

import java.util.Set;

/**
 * The authenticated caller, as their bearer token says. A controller method declares a parameter of this type to
 * receive it; such a method is only reached by authenticated callers.
 */
public record CurrentUser(UserId id, String email, Set<Role> roles) {

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Staff and admins may see every customer's orders. */
    public boolean isStaffOrAdmin() {
        return has(Role.STAFF) || has(Role.ADMIN);
    }
}
