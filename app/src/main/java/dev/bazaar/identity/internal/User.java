package dev.bazaar.identity.internal;

import dev.bazaar.identity.Role;
import dev.bazaar.shared.ids.UserId;

import java.time.Instant;
import java.util.Set;

/** A person who can sign in. The e-mail is kept lower-case so that it identifies one account whatever its case. */
public record User(UserId id, String email, String name, String passwordHash, Set<Role> roles, Instant createdAt,
                   boolean disabled) {

    public User {
        email = normalise(email);
        roles = Set.copyOf(roles);
    }

    /** A new account, not disabled. */
    public User(UserId id, String email, String name, String passwordHash, Set<Role> roles, Instant createdAt) {
        this(id, email, name, passwordHash, roles, createdAt, false);
    }

    public static String normalise(String email) {
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
