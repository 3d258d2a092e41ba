package dev.bazaar.identity.web;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.identity.Role;
import dev.bazaar.shared.ids.UserId;
import dev.bazaar.identity.internal.Accounts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;
import java.util.UUID;

@RestController
class AdminUserController {

    private final Accounts accounts;

    AdminUserController(Accounts accounts) {
        this.accounts = accounts;
    }

    record CreateUserRequest(@NotBlank @Email @Size(max = 254) String email,
                             @NotNull @AcceptablePassword String password,
                             @NotBlank @Size(max = 200) String name,
                             @NotEmpty Set<@NotNull Role> roles) {
    }

    /** Admins open accounts of any role, staff accounts above all. */
    @PostMapping("/api/admin/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserResponse create(@Valid @RequestBody CreateUserRequest request) {
        return UserResponse.from(accounts.open(request.email(), request.password(), request.name(), request.roles()));
    }

    @PostMapping("/api/admin/users/{id}/disable")
    UserResponse disable(@PathVariable UUID id, CurrentUser admin) {
        return UserResponse.from(accounts.setDisabled(new UserId(id), true, admin.id()));
    }

    @PostMapping("/api/admin/users/{id}/enable")
    UserResponse enable(@PathVariable UUID id, CurrentUser admin) {
        return UserResponse.from(accounts.setDisabled(new UserId(id), false, admin.id()));
    }
}
