package dev.bazaar.identity.internal;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verified tokens are remembered, but every use is validated again, and a refused token is never remembered. */
class CachingJwtDecoderTests {

    private static final Instant ISSUED = Instant.parse("2030-01-01T10:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final MovableClock clock = new MovableClock(ISSUED.plusSeconds(5));
    private final OAuth2TokenValidator<Jwt> validator = validatorOn(clock);

    @Test
    void aTokenIsVerifiedOnceHoweverOftenItIsUsed() {
        var verifier = new CountingVerifier(validator);
        var decoder = new CachingJwtDecoder(verifier, validator, 100, Duration.ofMinutes(5));

        Jwt first = decoder.decode("token-a");
        for (int use = 0; use < 9; use++) {
            assertThat(decoder.decode("token-a")).isSameAs(first);
        }

        assertThat(verifier.calls()).isEqualTo(1);
        assertThat(first.getSubject()).isEqualTo("user-token-a");
    }

    @Test
    void eachDistinctTokenIsVerifiedOnItsOwn() {
        var verifier = new CountingVerifier(validator);
        var decoder = new CachingJwtDecoder(verifier, validator, 100, Duration.ofMinutes(5));

        decoder.decode("token-a");
        decoder.decode("token-b");
        decoder.decode("token-a");
        decoder.decode("token-b");

        assertThat(verifier.calls()).isEqualTo(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpiredAndThenForgotten() {
        var verifier = new CountingVerifier(validator);
        var decoder = new CachingJwtDecoder(verifier, validator, 100, Duration.ofHours(2));
        decoder.decode("token-a");
        clock.set(ISSUED.plus(LIFETIME).minusSeconds(1));
        assertThat(decoder.decode("token-a").getSubject()).isEqualTo("user-token-a");

        clock.set(ISSUED.plus(LIFETIME).plusSeconds(1));

        assertThatThrownBy(() -> decoder.decode("token-a"))
                .isInstanceOf(JwtValidationException.class)
                .satisfies(e -> assertThat(((JwtValidationException) e).getErrors())
                        .extracting(OAuth2Error::getDescription).anySatisfy(d -> assertThat(d).contains("expired")));
        assertThat(verifier.calls()).as("refused from memory, without verifying again").isEqualTo(1);
        // forgotten: the next use goes to the verifier, which refuses the expired token too
        assertThatThrownBy(() -> decoder.decode("token-a")).isInstanceOf(JwtValidationException.class);
        assertThat(verifier.calls()).isEqualTo(2);
    }

    @Test
    void aRememberedTokenIsValidatedAgainOnEveryUse() {
        var rejecting = new AtomicBoolean(false);
        var validations = new AtomicInteger();
        OAuth2TokenValidator<Jwt> switchable = jwt -> {
            validations.incrementAndGet();
            return rejecting.get()
                    ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The iss claim is not valid", null))
                    : OAuth2TokenValidatorResult.success();
        };
        var verifier = new CountingVerifier(jwt -> OAuth2TokenValidatorResult.success());
        var decoder = new CachingJwtDecoder(verifier, switchable, 100, Duration.ofMinutes(5));
        decoder.decode("token-a");
        decoder.decode("token-a");
        decoder.decode("token-a");
        assertThat(validations).as("every remembered use").hasValue(2);

        rejecting.set(true);

        assertThatThrownBy(() -> decoder.decode("token-a"))
                .isInstanceOf(JwtValidationException.class)
                .satisfies(e -> assertThat(((JwtValidationException) e).getErrors())
                        .extracting(OAuth2Error::getDescription).containsExactly("The iss claim is not valid"));
        assertThat(verifier.calls()).isEqualTo(1);
    }

    @Test
    void aTokenTheVerifierRefusesIsNeverRemembered() {
        var verifier = new CountingVerifier(validator);
        var decoder = new CachingJwtDecoder(verifier, validator, 100, Duration.ofMinutes(5));

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> decoder.decode("forged-token")).isInstanceOf(BadJwtException.class);
            assertThat(verifier.calls()).as("asked again on attempt " + attempt).isEqualTo(attempt);
        }
        assertThat(decoder.decode("token-a").getSubject()).isEqualTo("user-token-a");
    }

    @Test
    void aTokenFoundExpiredByTheVerifierIsNeverRemembered() {
        var verifier = new CountingVerifier(validator);
        var decoder = new CachingJwtDecoder(verifier, validator, 100, Duration.ofMinutes(5));
        clock.set(ISSUED.plus(LIFETIME).plusSeconds(1));

        assertThatThrownBy(() -> decoder.decode("token-a")).isInstanceOf(JwtValidationException.class);
        clock.set(ISSUED.plusSeconds(5));
        decoder.decode("token-a");

        assertThat(verifier.calls()).isEqualTo(2);
    }

    @Test
    void theShopsOwnTokensPassOnFirstAndRememberedUsesWithTheIssuerAsAString() {
        var key = new TokenKeys(new SecretKeySpec(new byte[32], "HmacSHA256"), null);
        var configuration = new SecurityConfiguration();
        JwtDecoder decoder = configuration.jwtDecoder(key, Clock.systemUTC(), new DisabledAccounts(null));
        JwtEncoder encoder = configuration.jwtEncoder(key);
        Instant now = Instant.now();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                JwtClaimsSet.builder().issuer(Tokens.ISSUER).subject("someone").issuedAt(now)
                        .expiresAt(now.plus(LIFETIME)).claim("roles", List.of("CUSTOMER")).build())).getTokenValue();

        Jwt verified = decoder.decode(token);
        Jwt remembered = decoder.decode(token);

        assertThat(remembered).isSameAs(verified);
        assertThat(verified.getClaims().get("iss")).isEqualTo("bazaar");
        assertThatThrownBy(() -> decoder.decode(withSignatureChanged(token))).isInstanceOf(BadJwtException.class);
        String otherKeys = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(filled(32, (byte) 7), "HmacSHA256")))
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                        JwtClaimsSet.builder().issuer(Tokens.ISSUER).subject("someone").issuedAt(now)
                                .expiresAt(now.plus(LIFETIME)).build())).getTokenValue();
        assertThatThrownBy(() -> decoder.decode(otherKeys)).isInstanceOf(BadJwtException.class);
        String otherIssuer = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                JwtClaimsSet.builder().issuer("somebody-else").subject("someone").issuedAt(now)
                        .expiresAt(now.plus(LIFETIME)).build())).getTokenValue();
        assertThatThrownBy(() -> decoder.decode(otherIssuer)).isInstanceOf(JwtValidationException.class);
    }

    /** One character in the middle of the signature changed (the last one may only carry padding bits). */
    static String withSignatureChanged(String token) {
        int at = token.lastIndexOf('.') + 10;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + changed + token.substring(at + 1);
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static OAuth2TokenValidator<Jwt> validatorOn(Clock clock) {
        var timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(Tokens.ISSUER));
    }

    /**
     * Stands in for the signature-checking decoder: counts the calls, refuses every token but two known ones,
     * and, like {@code NimbusJwtDecoder}, applies the validator to what it verified.
     */
    private static final class CountingVerifier implements JwtDecoder {

        private static final Set<String> ACCEPTED = Set.of("token-a", "token-b");
        private final OAuth2TokenValidator<Jwt> validator;
        private final AtomicInteger calls = new AtomicInteger();

        CountingVerifier(OAuth2TokenValidator<Jwt> validator) {
            this.validator = validator;
        }

        @Override
        public Jwt decode(String token) throws JwtException {
            calls.incrementAndGet();
            if (!ACCEPTED.contains(token)) {
                throw new BadJwtException("Signature of " + token + " does not match");
            }
            Jwt jwt = Jwt.withTokenValue(token).header("alg", "HS256")
                    .issuer(Tokens.ISSUER).subject("user-" + token).claim("roles", List.of("CUSTOMER"))
                    .issuedAt(ISSUED).expiresAt(ISSUED.plus(LIFETIME))
                    .build();
            var result = validator.validate(jwt);
            if (result.hasErrors()) {
                throw new JwtValidationException("invalid", result.getErrors());
            }
            return jwt;
        }

        int calls() {
            return calls.get();
        }
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
