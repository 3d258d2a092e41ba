package dev.bazaar.shared.web;

import java.net.URI;

/** Problem {@code type} URIs: one per kind of error, ending in a stable slug ({@code .../out-of-stock}). */
public final class ProblemTypes {

    public static final String BASE = "https://bazaar.dev/problems/";

    private ProblemTypes() {
    }

    public static URI of(String slug) {
        return URI.create(BASE + slug);
    }
}
