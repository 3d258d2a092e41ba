package dev.bazaar.identity.internal;

import dev.bazaar.shared.ids.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Refuses the tokens of disabled accounts without a query per request: the ids of the disabled accounts are held in
 * memory, read again from the database every two seconds (so another instance's change shows within that) and changed
 * at once on the instance that disables. Checked on every use of a token, remembered ones too (CachingJwtDecoder).
 */
@Component
class DisabledAccounts implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2TokenValidatorResult DISABLED =
            OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The account is disabled", null));

    private final JdbcClient jdbc;
    private volatile Set<String> ids = Set.of();

    DisabledAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        return ids.contains(token.getSubject()) ? DISABLED : OAuth2TokenValidatorResult.success();
    }

    boolean isDisabled(UserId id) {
        return ids.contains(id.toString());
    }

    @Scheduled(fixedDelayString = "2s")
    void refresh() {
        ids = Set.copyOf(jdbc.sql("select id from identity.users where disabled").query(UUID.class).list()
                .stream().map(UUID::toString).toList());
    }

    /** This instance's own change, seen at once. */
    synchronized void changed(UserId id, boolean disabled) {
        var next = new HashSet<>(ids);
        if (disabled) {
            next.add(id.toString());
        } else {
            next.remove(id.toString());
        }
        ids = Set.copyOf(next);
    }
}
