package dev.bazaar.identity.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bazaar.identity.Role;
import dev.bazaar.identity.internal.Accounts;
import dev.bazaar.identity.internal.ClientAddress;
import dev.bazaar.identity.internal.RegistrationThrottle;
import dev.bazaar.identity.internal.Tokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;

@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final Accounts accounts;
    private final Tokens tokens;
    private final RegistrationThrottle registrations;

    AuthController(Accounts accounts, Tokens tokens, RegistrationThrottle registrations) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.registrations = registrations;
    }

    record RegisterRequest(@NotBlank @Email @Size(max = 254) String email,
                           @NotNull @AcceptablePassword String password,
                           @NotBlank @Size(max = 200) String name) {
    }

    /**
     * No account has an e-mail longer than registration allows (254), so a longer one is bad input, refused before it
     * reaches the throttle's index (where a 3 KB key was a database error). A password a little longer than bcrypt
     * reads is merely wrong (401); one of kilobytes is no password at all.
     */
    record TokenRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password) {
    }

    record TokenResponse(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("token_type") String tokenType,
                         @JsonProperty("expires_in") long expiresIn) {
    }

    /** Anyone may open a customer account, a few an hour from one address. */
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    UserResponse register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        registrations.admit(ClientAddress.of(http));
        return UserResponse.from(accounts.open(request.email(), request.password(), request.name(), Set.of(Role.CUSTOMER)));
    }

    /** Trades e-mail and password for a bearer token. */
    @PostMapping("/token")
    TokenResponse token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        var issued = tokens.issueFor(accounts.authenticate(request.email(), request.password(), ClientAddress.of(http)));
        return new TokenResponse(issued.value(), "Bearer", issued.lifetime().toSeconds());
    }
}
