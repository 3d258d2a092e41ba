package dev.bazaar.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The credential of a metrics scraper ({@code BAZAAR_METRICS_TOKEN}): {@code Authorization: Bearer <token>} on
 * {@code /actuator/prometheus}, where an admin's token is taken too. It is no JWT, so the bearer token resolver passes
 * it by instead of failing to decode it. Compared in constant time; with none configured only admins scrape.
 */
final class MetricsScrapeToken {

    static final String PATH = "/actuator/prometheus";

    private final byte[] expected;

    MetricsScrapeToken(String token) {
        this.expected = token.isBlank() ? null : ("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8);
    }

    boolean presentedBy(HttpServletRequest request) {
        if (expected == null || !PATH.equals(request.getRequestURI())) {
            return false;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }
}
