package dev.bazaar.identity.internal;

import dev.bazaar.shared.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Bounds how many accounts one client address may open a window ({@code bazaar.registration-throttle}), so that
 * throwaway accounts cannot be made by the thousand (each may hold a live stream, carts and reservations). Every
 * registration that gets this far counts, also one refused because its e-mail is taken: trying e-mails is no better.
 */
@Component
public class RegistrationThrottle {

    private final Attempts attempts;
    private final int max;
    private final Duration window;

    RegistrationThrottle(Attempts attempts,
                         @Value("${bazaar.registration-throttle.max-per-address:10}") int max,
                         @Value("${bazaar.registration-throttle.window:1h}") Duration window) {
        this.attempts = attempts;
        this.max = max;
        this.window = window;
    }

    /** @throws ProblemException 429 with {@code Retry-After} when the address opened its share of accounts */
    public void admit(String clientAddress) {
        if (isLoopback(clientAddress)) {
            // this machine: the operator's own tools, or a proxy whose clients are not told apart (forward headers
            // unset), where one shared count would throttle every customer at once
            return;
        }
        attempts.count(key(clientAddress), max, window).ifPresent(wait -> {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-registrations", "Too many registrations",
                    "Too many accounts were opened from your address; try again in " + wait.toSeconds() + " seconds.")
                    .withHeader("Retry-After", String.valueOf(wait.toSeconds()));
        });
    }

    /** This machine's usual own address (IPv6 clients are counted by their /64: ClientAddress). */
    static boolean isLoopback(String clientAddress) {
        return clientAddress.equals("127.0.0.1") || clientAddress.equals("::/64") || clientAddress.equals("0:0:0:0:0:0:0:0/64");
    }

    static String key(String clientAddress) {
        return "register:" + clientAddress;
    }
}
