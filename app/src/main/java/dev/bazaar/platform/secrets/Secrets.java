package dev.bazaar.platform.secrets;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets that the operator may configure, and that are otherwise generated once and kept in the database, so that
 * every instance of the shop (and every restart) uses the same value. With the embedded default the database lives
 * in the data folder, so the generated secrets do too.
 */
@Component
@DependsOnDatabaseInitialization
public class Secrets {

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();
    /** Secrets never change while the shop runs; read each from the database once. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> known = new java.util.concurrent.ConcurrentHashMap<>();

    Secrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The configured value when there is one, else the generated one stored under {@code name}. */
    public String configuredOrGenerated(String name, String configured) {
        if (StringUtils.hasText(configured)) {
            return configured;
        }
        return known.computeIfAbsent(name, this::generatedOnce);
    }

    private String generatedOnce(String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        jdbc.sql("insert into platform.secrets (name, value) values (:name, :value) on conflict (name) do nothing")
                .param("name", name)
                .param("value", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
                .update();
        return jdbc.sql("select value from platform.secrets where name = :name").param("name", name)
                .query(String.class).single();
    }
}
