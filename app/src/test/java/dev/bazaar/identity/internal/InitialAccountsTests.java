package dev.bazaar.identity.internal;

import dev.bazaar.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InitialAccountsTests {

    private static final String PRODUCTION_DATABASE = "jdbc:postgresql://db.example/bazaar";

    @Test
    void anAdminPasswordLongerThanTheHashReadsStopsTheStartWithTheSettingNamed() {
        assertThatThrownBy(() -> new InitialAccounts(null, "admin@example.com", "p".repeat(73), false, PRODUCTION_DATABASE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BAZAAR_ADMIN_PASSWORD").hasMessageContaining("72 bytes");
    }

    @Test
    void withoutDemoDataOrAConfiguredPasswordTheAdminGetsARandomStrongOneNeverTheDemoPassword() {
        var first = new OpenedAccounts();
        new InitialAccounts(first, "admin@example.com", "", false, PRODUCTION_DATABASE).openAccounts();
        var second = new OpenedAccounts();
        new InitialAccounts(second, "admin@example.com", "", false, PRODUCTION_DATABASE).openAccounts();

        String password = first.passwords.get("admin@example.com");
        assertThat(password).isNotEqualTo(InitialAccounts.DEFAULT_ADMIN_PASSWORD).hasSizeGreaterThanOrEqualTo(24);
        assertThat(second.passwords.get("admin@example.com")).isNotEqualTo(password);
        assertThat(first.passwords).containsOnlyKeys("admin@example.com");
    }

    @Test
    void aTrialOnTheEmbeddedDatabaseKeepsTheReadmesAdminPasswordAsApiMdsJavaJarNeedsIt() {
        var trial = new OpenedAccounts();
        new InitialAccounts(trial, "admin@example.com", "", false, "").openAccounts();
        assertThat(trial.passwords).containsEntry("admin@example.com", InitialAccounts.DEFAULT_ADMIN_PASSWORD);
    }

    @Test
    void withDemoDataTheDemoPasswordStaysAndAConfiguredOneAlwaysWins() {
        var demo = new OpenedAccounts();
        new InitialAccounts(demo, "admin@example.com", "", true, PRODUCTION_DATABASE).openAccounts();
        assertThat(demo.passwords).containsEntry("admin@example.com", InitialAccounts.DEFAULT_ADMIN_PASSWORD);

        var configured = new OpenedAccounts();
        new InitialAccounts(configured, "admin@example.com", "chosen-by-the-operator", false, PRODUCTION_DATABASE).openAccounts();
        assertThat(configured.passwords).containsExactly(Map.entry("admin@example.com", "chosen-by-the-operator"));
    }

    /** Accounts of an empty shop that only remember what was opened. */
    private static final class OpenedAccounts extends Accounts {

        final Map<String, String> passwords = new HashMap<>();

        OpenedAccounts() {
            super(null, NoOpPasswordEncoder.getInstance(), null, null, Clock.systemUTC());
        }

        @Override
        boolean noUsersYet() {
            return passwords.isEmpty();
        }

        @Override
        public User open(String email, String password, String name, Set<Role> roles) {
            passwords.put(email, password);
            return null;
        }
    }
}
