package dev.bazaar.platform.payments;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

import java.net.URI;
import java.util.Locale;

/**
 * Which Payment System the shop takes money through ({@code bazaar.psp.mode}, {@code BAZAAR_PSP}): the built-in
 * sandbox, an external one speaking the sandbox's wire protocol, or none. The sandbox approves every test card, so it
 * is the default only where no real order is taken: demo data, {@code spring-boot:run}, the {@code test} profile, and a
 * shop on its embedded database, the one-machine trial that API.md's {@code java -jar bazaar.jar} with no settings
 * starts (it warns in its log). A shop on an external PostgreSQL, the production deployment, must ask for the sandbox
 * by name, and one configured for no Payment System refuses to start.
 */
public record PaymentSystem(Mode mode) {

    public static final String MODE = "bazaar.psp.mode";
    static final String URL = "bazaar.payment.sandbox.url";
    static final String API_KEY = "bazaar.payment.sandbox.api-key";
    static final String WEBHOOK_SECRET = "bazaar.payment.sandbox.webhook-secret";

    public enum Mode {
        /** The built-in sandbox on {@code /psp/**}, and the adapter talking to it. */
        SANDBOX,
        /** A Payment System elsewhere ({@code BAZAAR_PSP_URL}); the built-in one is not served. */
        EXTERNAL,
        /** No Payment System: nothing can be paid, so checkout and payment retries answer {@code 503}. */
        OFF
    }

    /** The built-in sandbox runs in this shop (its API on {@code /psp/**}, its webhook sender). */
    public boolean sandbox() {
        return mode == Mode.SANDBOX;
    }

    /** Payments can be taken at all. */
    public boolean available() {
        return mode != Mode.OFF;
    }

    /**
     * The Payment System the environment asks for, checked as a whole.
     *
     * @throws Misconfigured naming in one line what is wrong and what to set
     */
    public static PaymentSystem from(Environment env) {
        String configured = env.getProperty(MODE, "").strip().toLowerCase(Locale.ROOT);
        Mode mode = switch (configured) {
            case "" -> {
                if (!demoOrTest(env) && !onEmbeddedDatabase(env)) {
                    throw new Misconfigured("The sandbox Payment System approves every test card; set BAZAAR_PSP=external "
                            + "with BAZAAR_PSP_URL, or BAZAAR_PSP=sandbox to run it on purpose (or BAZAAR_PSP=off to take no payments).");
                }
                yield Mode.SANDBOX;
            }
            case "sandbox" -> Mode.SANDBOX;
            case "external" -> Mode.EXTERNAL;
            case "off" -> Mode.OFF;
            default -> throw new Misconfigured("BAZAAR_PSP must be sandbox, external or off, not '" + configured + "'.");
        };
        if (mode == Mode.EXTERNAL) {
            requireExternal(env);
        }
        return new PaymentSystem(mode);
    }

    /**
     * The mode as {@link #from} would decide it, or empty when the configuration is wrong: for conditions, which run
     * before the guard that refuses to start and must not fail with a worse message than it.
     */
    static java.util.Optional<PaymentSystem> ifValid(Environment env) {
        try {
            return java.util.Optional.of(from(env));
        } catch (Misconfigured e) {
            return java.util.Optional.empty();
        }
    }

    private static void requireExternal(Environment env) {
        String url = env.getProperty(URL, "");
        if (!StringUtils.hasText(url)) {
            throw new Misconfigured("BAZAAR_PSP=external needs BAZAAR_PSP_URL, the Payment System's base URL (https://psp.example).");
        }
        if (!absoluteHttpUrl(url)) {
            throw new Misconfigured("BAZAAR_PSP_URL must be an absolute http or https URL, not '" + url + "'.");
        }
        // a generated secret or key is known to no one outside this shop: every call and every webhook would be refused
        if (!StringUtils.hasText(env.getProperty(API_KEY, ""))) {
            throw new Misconfigured("BAZAAR_PSP=external needs BAZAAR_PSP_API_KEY, the key the Payment System gave this shop.");
        }
        if (!StringUtils.hasText(env.getProperty(WEBHOOK_SECRET, ""))) {
            throw new Misconfigured("BAZAAR_PSP=external needs BAZAAR_PSP_WEBHOOK_SECRET, the secret the Payment System signs its webhooks with.");
        }
    }

    private static boolean absoluteHttpUrl(String url) {
        try {
            var uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception malformed) {
            return false;
        }
    }

    /** Where no real order is taken: a demo shop, {@code ./mvnw spring-boot:run}, the tests. */
    static boolean demoOrTest(Environment env) {
        return env.getProperty("bazaar.demo-data", Boolean.class, false)
                || env.getProperty("bazaar.dev-defaults", Boolean.class, false)
                || env.acceptsProfiles(Profiles.of("test"));
    }

    /** No external PostgreSQL is configured: the shop runs its embedded one, on one machine (ARCHITECTURE.md's modes). */
    static boolean onEmbeddedDatabase(Environment env) {
        return !StringUtils.hasText(env.getProperty("spring.datasource.url"));
    }

    /** The configuration names no usable Payment System; the message says in one line what to set. */
    public static final class Misconfigured extends IllegalStateException {
        Misconfigured(String message) {
            super(message);
        }
    }
}
