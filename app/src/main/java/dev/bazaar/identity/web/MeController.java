package dev.bazaar.identity.web;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.identity.internal.Accounts;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MeController {

    private final Accounts accounts;

    MeController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/me")
    UserResponse me(CurrentUser caller) {
        return accounts.find(caller.id()).map(UserResponse::from)
                .orElseThrow(() -> ProblemException.notFound("Your account"));
    }
}
