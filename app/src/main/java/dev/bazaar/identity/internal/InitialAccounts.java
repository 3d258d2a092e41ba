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
 * customer account too. Then says where the shop is and how to sign in.
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

    InitialAccounts(Accounts accounts,
                    @Value("${bazaar.admin.email}") String adminEmail,
                    @Value("${bazaar.admin.password}") String adminPassword,
                    @Value("${bazaar.demo-data}") boolean demoData) {
        if (!Accounts.fitsTheHash(adminPassword)) {
            throw new IllegalStateException("bazaar.admin.password (BAZAAR_ADMIN_PASSWORD) is longer than "
                    + Accounts.MAX_PASSWORD_BYTES + " bytes in UTF-8, more than the password hash reads: choose a shorter one");
        }
        this.accounts = accounts;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.demoData = demoData;
    }

    @EventListener(ApplicationReadyEvent.class)
    void openInitialAccounts(ApplicationReadyEvent ready) {
        if (accounts.noUsersYet()) {
            openQuietly(adminEmail, adminPassword, "Administrator", Set.of(Role.ADMIN));
            if (demoData) {
                openQuietly(DEMO_STAFF, DEMO_STAFF_PASSWORD, "Sam Staff", Set.of(Role.STAFF));
                openQuietly(DEMO_CUSTOMER, DEMO_CUSTOMER_PASSWORD, "Casey Customer", Set.of(Role.CUSTOMER));
            }
        }
        greet(ready.getApplicationContext().getEnvironment());
    }

    private void openQuietly(String email, String password, String name, Set<Role> roles) {
        try {
            accounts.open(email, password, name, roles);
        } catch (ProblemException alreadyOpenedByAnotherInstance) {
            log.debug("Account {} exists already", email);
        }
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
        } else if (DEFAULT_ADMIN_PASSWORD.equals(adminPassword)) {
            text.append("\n  WARNING: the admin still has the default password; set BAZAAR_ADMIN_PASSWORD.");
        }
        log.info(text.append("\n").toString());
    }
}
