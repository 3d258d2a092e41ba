package dev.bazaar.platform.idempotency;

import dev.bazaar.BazaarIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@BazaarIntegrationTest
class IdempotencyKeyCleanupIntegrationTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdempotencyKeyCleanup cleanup;

    @Test
    void keysOlderThanTheRetentionAreForgottenInBatchesAndNewerOnesKept() {
        UUID caller = UUID.randomUUID();
        jdbc.sql("""
                        insert into platform.idempotency_keys (caller, key, fingerprint, started_at)
                        select :caller, 'old-' || n, 'f', now() - interval '3 days' from generate_series(1, 12001) n""")
                .param("caller", caller).update();
        jdbc.sql("""
                        insert into platform.idempotency_keys (caller, key, fingerprint, started_at)
                        values (:caller, 'fresh', 'f', now())""").param("caller", caller).update();

        cleanup.forgetOldKeys();

        assertThat(jdbc.sql("select key from platform.idempotency_keys where caller = :caller").param("caller", caller)
                .query(String.class).list()).containsExactly("fresh");
    }
}
