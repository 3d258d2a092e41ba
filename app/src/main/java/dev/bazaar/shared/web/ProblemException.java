package dev.bazaar.shared.web;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A domain error that the API answers as an RFC 9457 problem. Its message is written for the client and so must
 * never carry internals. Modules throw these (or their own subclasses) and one advice renders them.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties;
    private final org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();

    public ProblemException(HttpStatus status, String slug, String title, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of());
    }

    /** 404: the resource does not exist, or belongs to someone else (never reveal which). */
    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " was not found");
    }

    /** 409: the request is well-formed but clashes with the resource's current state. */
    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, slug, title, detail);
    }

    /** 400: the request itself is wrong, for a reason bean validation cannot see. */
    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, slug, "Bad request", detail);
    }

    /** Adds a response header, such as {@code Retry-After}. */
    public ProblemException withHeader(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public org.springframework.http.HttpHeaders headers() {
        return headers;
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
