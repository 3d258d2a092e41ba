package dev.bazaar.identity.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The keys of the shop's tokens: the current one signs every new token (its {@code kid} in the header), and during
 * a key rotation the previous one ({@code BAZAAR_JWT_PREVIOUS_SECRET}) still verifies the tokens it signed until they
 * expire. A key id is a hash of the key, so it tells nothing of the key.
 */
record TokenKeys(SecretKey current, @Nullable SecretKey previous) {

    static TokenKeys of(String currentSecret, String previousSecret) {
        return new TokenKeys(key(currentSecret, "BAZAAR_JWT_SECRET"),
                previousSecret.isBlank() ? null : key(previousSecret, "BAZAAR_JWT_PREVIOUS_SECRET"));
    }

    String currentId() {
        return HexFormat.of().formatHex(sha256(current.getEncoded()), 0, 8);
    }

    private static SecretKey key(String secret, String setting) {
        if (secret.length() < 16) {
            throw new IllegalStateException(setting + " must be at least 16 characters long");
        }
        // hashing gives HS256 the 256-bit key it needs whatever the length of the configured secret
        return new SecretKeySpec(sha256(secret.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verifies with the current key, and a token the current key refuses with the previous one too (only such tokens,
     * and forged ones, pay the second check).
     */
    static JwtDecoder eitherKey(JwtDecoder current, @Nullable JwtDecoder previous) {
        if (previous == null) {
            return current;
        }
        return token -> {
            try {
                return current.decode(token);
            } catch (BadJwtException notSignedWithTheCurrentKey) {
                try {
                    return previous.decode(token);
                } catch (JwtException alsoNotWithThePreviousOne) {
                    throw notSignedWithTheCurrentKey;
                }
            }
        };
    }

}
