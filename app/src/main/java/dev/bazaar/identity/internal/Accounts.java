package dev.bazaar.identity.internal;

import dev.bazaar.identity.Role;
import dev.bazaar.shared.ids.UserId;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/** Opens accounts and checks credentials. */
@Service
public class Accounts {

    /**
     * Passwords are hashed with bcrypt, which reads only their first 72 bytes: a longer password would share its hash
     * with every password that starts with the same 72 bytes, so none is kept and none is accepted.
     */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final Users users;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final DisabledAccounts disabledAccounts;
    private final Clock clock;
    /** Compared against when the e-mail is unknown, so that an unknown e-mail costs as long as a wrong password. */
    private final String decoyHash;

    Accounts(Users users, PasswordEncoder passwords, LoginThrottle throttle, DisabledAccounts disabledAccounts, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.disabledAccounts = disabledAccounts;
        this.clock = clock;
        this.decoyHash = passwords.encode("not a real password");
    }

    /** Whether a password fits what the hash reads of it (callers validate input with this first). */
    public static boolean fitsTheHash(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
    }

    /**
     * @throws ProblemException 409 when the e-mail already has an account
     * @throws IllegalArgumentException for a password that does not {@linkplain #fitsTheHash fit the hash}
     */
    public User open(String email, String password, String name, Set<Role> roles) {
        if (!fitsTheHash(password)) {
            throw new IllegalArgumentException("a password of more than " + MAX_PASSWORD_BYTES + " bytes cannot be kept");
        }
        var user = new User(UserId.next(), email, name.strip(), passwords.encode(password), roles, clock.instant());
        try {
            users.add(user);
            return user;
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("email-taken", "E-mail taken", "An account with this e-mail already exists.");
        }
    }

    /**
     * @param clientAddress who is calling ({@link ClientAddress}), for the throttle
     * @throws ProblemException 401 for a wrong e-mail or password, 429 after too many failures
     */
    public User authenticate(String email, String password, String clientAddress) {
        String normalised = User.normalise(email);
        throttle.admit(normalised, clientAddress);
        Optional<User> user = users.findByEmail(normalised);
        boolean matches = passwords.matches(password, user.map(User::passwordHash).orElse(decoyHash)) && fitsTheHash(password);
        if (user.isEmpty() || !matches) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "bad-credentials", "Unauthorized",
                    "Wrong e-mail or password.");
        }
        throttle.succeeded(normalised, clientAddress);
        if (user.get().disabled()) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "account-disabled", "Unauthorized",
                    "This account is disabled.");
        }
        return user.get();
    }

    /**
     * Disables an account (it cannot sign in, its tokens stop working within seconds on every instance) or enables it
     * again.
     *
     * @throws ProblemException 404 for an unknown account, 409 for an admin disabling themself
     */
    public User setDisabled(UserId id, boolean disabled, UserId by) {
        if (disabled && id.equals(by)) {
            throw ProblemException.conflict("cannot-disable-yourself", "Cannot disable yourself",
                    "An admin cannot disable their own account; another admin can.");
        }
        var user = users.setDisabled(id, disabled).orElseThrow(() -> ProblemException.notFound("User " + id));
        disabledAccounts.changed(id, disabled);
        return user;
    }

    public Optional<User> find(UserId id) {
        return users.findById(id);
    }

    public java.util.List<User> withRole(Role role) {
        return users.withRole(role);
    }

    boolean noUsersYet() {
        return users.isEmpty();
    }

    Optional<User> findByEmail(String email) {
        return users.findByEmail(email);
    }
}
