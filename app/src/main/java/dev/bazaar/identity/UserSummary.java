package dev.bazaar.identity;

import dev.bazaar.shared.ids.UserId;

import java.util.Set;

/** Who a user is, for other modules (notifications address them): never their credentials. */
public record UserSummary(UserId id, String email, String name, Set<Role> roles) {
}
