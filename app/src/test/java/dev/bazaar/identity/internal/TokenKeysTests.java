package dev.bazaar.identity.internal;

import dev.bazaar.identity.Role;
import dev.bazaar.shared.ids.UserId;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A key rotation: tokens of the previous key verify while it is configured as previous, and only then. */
class TokenKeysTests {

    private static final String OLD = "the-old-secret-0123456789";
    private static final String NEW = "the-new-secret-0123456789";
    private final Clock clock = Clock.systemUTC();
    private final SecurityConfiguration security = new SecurityConfiguration();
    private final User user = new User(UserId.next(), "rotated@example.com", "Ro", "x", Set.of(Role.CUSTOMER), Instant.now());

    private String tokenSignedWith(TokenKeys keys) {
        return new Tokens(security.jwtEncoder(keys), keys, clock, Duration.ofHours(1)).issueFor(user).value();
    }

    @Test
    void aTokenOfThePreviousKeyVerifiesWhileThatKeyIsConfiguredAsPreviousAndNewTokensUseTheNewKey() {
        String old = tokenSignedWith(TokenKeys.of(OLD, ""));
        var rotated = TokenKeys.of(NEW, OLD);

        assertThat(security.jwtDecoder(rotated, clock, new DisabledAccounts(null)).decode(old).getSubject()).isEqualTo(user.id().toString());

        String fresh = tokenSignedWith(rotated);
        assertThat(security.jwtDecoder(rotated, clock, new DisabledAccounts(null)).decode(fresh).getHeaders()).containsEntry("kid", rotated.currentId());
        assertThat(security.jwtDecoder(TokenKeys.of(NEW, ""), clock, new DisabledAccounts(null)).decode(fresh).getSubject()).isEqualTo(user.id().toString());
        assertThatThrownBy(() -> security.jwtDecoder(TokenKeys.of(OLD, ""), clock, new DisabledAccounts(null)).decode(fresh)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenOfThePreviousKeyIsRefusedOnceThatKeyIsNoLongerConfigured() {
        String old = tokenSignedWith(TokenKeys.of(OLD, ""));
        assertThatThrownBy(() -> security.jwtDecoder(TokenKeys.of(NEW, ""), clock, new DisabledAccounts(null)).decode(old)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> security.jwtDecoder(TokenKeys.of(NEW, "some-other-secret-0123"), clock, new DisabledAccounts(null)).decode(old))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void keyIdsNameTheKeyWithoutRevealingIt() {
        var keys = TokenKeys.of(NEW, "");
        assertThat(keys.currentId()).hasSize(16).isNotEqualTo(TokenKeys.of(OLD, "").currentId()).doesNotContain("new");
        assertThatThrownBy(() -> TokenKeys.of(NEW, "short")).hasMessageContaining("BAZAAR_JWT_PREVIOUS_SECRET");
    }
}
