package dev.bazaar.shared.web;

import org.springframework.http.HttpStatus;

import java.util.Map;
import java.util.Set;

/**
 * A domain error that the API answers as an RFC 9457 problem. Its message is written for the client and so must
 * never carry internals. Modules throw these (or their own subclasses) and one advice renders them.
 */
public class ProblemException extends RuntimeException {

    /** RFC 9457's own members: an extension member of the same name would shadow them (a client reads them). */
    static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties;
    private final org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();

    public ProblemException(HttpStatus status, String slug, String title, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        properties.keySet().stream().filter(STANDARD_MEMBERS::contains).findAny().ifPresent(name -> {
            throw new IllegalArgumentException("a problem's extension member must not be named " + name);
        });
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

    /** 400: one invalid field, for checks made outside bean validation (as {@code errors} names it). */
    public static ProblemException invalidField(String field, String message) {
        return ProblemHandling.invalidFields(java.util.List.of(new ProblemHandling.FieldProblem(field, message)));
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
