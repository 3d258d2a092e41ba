package dev.bazaar.identity.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InitialAccountsTests {

    @Test
    void anAdminPasswordLongerThanTheHashReadsStopsTheStartWithTheSettingNamed() {
        assertThatThrownBy(() -> new InitialAccounts(null, "admin@example.com", "p".repeat(73), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BAZAAR_ADMIN_PASSWORD").hasMessageContaining("72 bytes");
    }
}
