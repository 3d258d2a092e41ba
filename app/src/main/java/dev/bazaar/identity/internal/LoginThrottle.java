package dev.bazaar.identity.internal;

import dev.bazaar.shared.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Slows password guessing without letting anyone lock an account: sign-in attempts are counted per e-mail and client
 * address ({@code max-failures} a window), and per client address across all e-mails ({@code max-failures-per-address},
 * against password spraying). An attempt is counted before the password is checked, so that concurrent guesses
 * cannot slip past the limit, and a correct password takes its attempt back (and clears its e-mail's count from that
 * address). Someone else's failures on an e-mail therefore never refuse its owner calling from another address.
 */
@Component
class LoginThrottle {

    private final Attempts attempts;
    private final int maxPerEmail;
    private final int maxPerAddress;
    private final Duration window;

    LoginThrottle(Attempts attempts,
                  @Value("${bazaar.login-throttle.max-failures:5}") int maxPerEmail,
                  @Value("${bazaar.login-throttle.max-failures-per-address:20}") int maxPerAddress,
                  @Value("${bazaar.login-throttle.window:1m}") Duration window) {
        this.attempts = attempts;
        this.maxPerEmail = maxPerEmail;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    /** @throws ProblemException 429 with {@code Retry-After} when either count is full */
    void admit(String email, String address) {
        attempts.count(emailKey(email, address), maxPerEmail, window).ifPresent(wait -> {
            throw tooMany("Too many failed sign-ins for this e-mail", wait);
        });
        attempts.count(addressKey(address), maxPerAddress, window).ifPresent(wait -> {
            attempts.forgive(emailKey(email, address));
            throw tooMany("Too many failed sign-ins from your address", wait);
        });
    }

    /** The password was right: it was no guess. */
    void succeeded(String email, String address) {
        attempts.clear(emailKey(email, address));
        attempts.forgive(addressKey(address));
    }

    private static String emailKey(String email, String address) {
        return "sign-in:" + address + ":" + email;
    }

    private static String addressKey(String address) {
        return "sign-in:" + address;
    }

    private static ProblemException tooMany(String why, Duration wait) {
        long seconds = wait.toSeconds();
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts", "Too many attempts",
                why + "; try again in " + seconds + " seconds.")
                .withHeader("Retry-After", String.valueOf(seconds));
    }
}
