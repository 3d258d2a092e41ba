package dev.bazaar.identity.internal;

import dev.bazaar.identity.Role;
import dev.bazaar.shared.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * On a shop with no users yet, opens the admin account from configuration and, with demo data on, a staff and a
 * customer account too. Then says where the shop is and how to sign in. The demo admin password (published in the
 * README) is only the default with demo data: without demo data and without {@code BAZAAR_ADMIN_PASSWORD} the first
 * start makes up a strong random password and logs it once.
 */
@Component
class InitialAccounts {

    private static final Logger log = LoggerFactory.getLogger(InitialAccounts.class);
    static final String DEFAULT_ADMIN_PASSWORD = "bazaar-admin";
    static final String DEMO_STAFF = "staff@bazaar.test";
    static final String DEMO_CUSTOMER = "customer@bazaar.test";
    static final String DEMO_STAFF_PASSWORD = "bazaar-staff";
    static final String DEMO_CUSTOMER_PASSWORD = "bazaar-customer";

    private final Accounts accounts;
    private final String adminEmail;
    private final String adminPassword;
    private final boolean demoData;
    /** The password made up at this start, if one was (to be logged once). */
    private String generatedPassword;

    /**
     * {@code externalDatabase}: {@code spring.datasource.url}. A shop on its embedded database is a one-machine trial
     * (API.md's {@code java -jar bazaar.jar} with no settings, signed in with the README's admin): the demo password
     * stays its default, with a warning. A production shop, on an external PostgreSQL, never gets it by default.
     */
    InitialAccounts(Accounts accounts,
                    @Value("${bazaar.admin.email}") String adminEmail,
                    @Value("${bazaar.admin.password:}") String adminPassword,
                    @Value("${bazaar.demo-data}") boolean demoData,
                    @Value("${spring.datasource.url:}") String externalDatabase) {
        if (!Accounts.fitsTheHash(adminPassword)) {
            throw new IllegalStateException("bazaar.admin.password (BAZAAR_ADMIN_PASSWORD) is longer than "
                    + Accounts.MAX_PASSWORD_BYTES + " bytes in UTF-8, more than the password hash reads: choose a shorter one");
        }
        this.accounts = accounts;
        this.adminEmail = adminEmail;
        boolean trial = demoData || externalDatabase.isBlank();
        this.adminPassword = adminPassword.isEmpty() && trial ? DEFAULT_ADMIN_PASSWORD : adminPassword;
        this.demoData = demoData;
    }

    @EventListener(ApplicationReadyEvent.class)
    void openInitialAccounts(ApplicationReadyEvent ready) {
        openAccounts();
        greet(ready.getApplicationContext().getEnvironment());
    }

    void openAccounts() {
        if (accounts.noUsersYet()) {
            String password = adminPassword.isEmpty() ? randomPassword() : adminPassword;
            // another instance starting at the same moment may have opened it with its own made-up password
            if (openQuietly(adminEmail, password, "Administrator", Set.of(Role.ADMIN)) && adminPassword.isEmpty()) {
                generatedPassword = password;
            }
            if (demoData) {
                openQuietly(DEMO_STAFF, DEMO_STAFF_PASSWORD, "Sam Staff", Set.of(Role.STAFF));
                openQuietly(DEMO_CUSTOMER, DEMO_CUSTOMER_PASSWORD, "Casey Customer", Set.of(Role.CUSTOMER));
            }
        }
    }

    private boolean openQuietly(String email, String password, String name, Set<Role> roles) {
        try {
            accounts.open(email, password, name, roles);
            return true;
        } catch (ProblemException alreadyOpenedByAnotherInstance) {
            log.debug("Account {} exists already", email);
            return false;
        }
    }

    /** 24 URL-safe characters of a secure random generator: 144 bits. */
    static String randomPassword() {
        byte[] bytes = new byte[18];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void greet(Environment env) {
        String url = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        var text = new StringBuilder("\n\n  Bazaar is up: ").append(url)
                .append("\n  API docs:     ").append(url).append("/swagger-ui.html")
                .append("\n  Admin:        ").append(adminEmail);
        if (demoData) {
            text.append(" / ").append(adminPassword)
                    .append("\n  Staff:        ").append(DEMO_STAFF).append(" / ").append(DEMO_STAFF_PASSWORD)
                    .append("\n  Customer:     ").append(DEMO_CUSTOMER).append(" / ").append(DEMO_CUSTOMER_PASSWORD);
        } else if (generatedPassword != null) {
            text.append("\n  The admin's password, made up at this first start and shown only now: ").append(generatedPassword)
                    .append("\n  (set BAZAAR_ADMIN_PASSWORD before the first start to choose it instead)");
        } else if (DEFAULT_ADMIN_PASSWORD.equals(adminPassword)) {
            text.append("\n  WARNING: the admin still has the default password; set BAZAAR_ADMIN_PASSWORD.");
        }
        log.info(text.append("\n").toString());
    }
}
