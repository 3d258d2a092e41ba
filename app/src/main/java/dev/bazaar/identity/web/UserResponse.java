package dev.bazaar.identity.web;

import dev.bazaar.identity.Role;
import dev.bazaar.identity.internal.User;

import java.util.List;

/** A user as the API shows it: never the password hash. */
record UserResponse(String id, String email, String name, List<Role> roles, boolean disabled) {

    static UserResponse from(User user) {
        return new UserResponse(user.id().toString(), user.email(), user.name(), user.roles().stream().sorted().toList(),
                user.disabled());
    }
}
