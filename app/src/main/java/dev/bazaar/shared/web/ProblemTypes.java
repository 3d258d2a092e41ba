package dev.bazaar.shared.web;

import org.springframework.http.HttpStatus;

import java.net.URI;

/** Problem {@code type} URIs: one per kind of error, ending in a stable slug ({@code .../out-of-stock}). */
public final class ProblemTypes {

    public static final String BASE = "https://bazaar.dev/problems/";

    private ProblemTypes() {
    }

    public static URI of(String slug) {
        return URI.create(BASE + slug);
    }

    /** The slug of a bare HTTP status, for answers with no domain reason: {@code 405} → {@code method-not-allowed}. */
    public static String slugOf(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "error" : known.name().toLowerCase().replace('_', '-');
    }
}
