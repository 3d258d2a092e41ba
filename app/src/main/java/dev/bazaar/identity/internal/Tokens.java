package dev.bazaar.identity.internal;

import dev.bazaar.identity.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Issues the bearer tokens that {@code /api/auth/token} hands out: HS256 JWTs naming the user and their roles. */
@Component
public class Tokens {

    static final String ISSUER = "bazaar";

    private final JwtEncoder encoder;
    private final String keyId;
    private final Clock clock;
    private final Duration lifetime;

    Tokens(JwtEncoder encoder, TokenKeys keys, Clock clock, @Value("${bazaar.token-lifetime:1h}") Duration lifetime) {
        this.encoder = encoder;
        this.keyId = keys.currentId();
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public record Issued(String value, Duration lifetime) {
    }

    public Issued issueFor(User user) {
        Instant now = clock.instant();
        var claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(user.id().toString())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim("email", user.email())
                .claim("roles", user.roles().stream().map(Role::name).sorted().toList())
                .build();
        var header = JwsHeader.with(MacAlgorithm.HS256).keyId(keyId).build();
        return new Issued(encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue(), lifetime);
    }
}
