package dev.bazaar.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.exc.InvalidFormatException;

import java.net.URI;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one place that turns exceptions into RFC 9457 problems. Client errors say what was wrong; anything
 * unexpected is logged and answered with a 500 that reveals nothing of the internals.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    private static final String INVALID_TITLE = "Invalid request";
    private static final String INVALID_DETAIL = "The request has invalid fields.";

    /** One invalid field: {@code {"field": "quantity", "message": "must be greater than or equal to 1"}}. */
    record FieldProblem(String field, String message) {
    }

    /** The 400 a validation failure is answered with, for checks made outside bean validation. */
    static ProblemException invalidFields(List<FieldProblem> errors) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", INVALID_TITLE, INVALID_DETAIL,
                Map.of("errors", fieldErrors(errors)));
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException e, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(ProblemTypes.of(e.slug()));
        problem.setTitle(e.title());
        e.properties().forEach(problem::setProperty);
        return handleExceptionInternal(e, problem, e.headers(), e.status(), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException e, WebRequest request) {
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return validationProblem(e, errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getAllErrors().stream()
                .map(error -> new FieldProblem(error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        messageOf(error)))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return validationProblem(e, errors, request);
    }

    /**
     * A value the binder could not convert (a query parameter such as {@code ?size=abc}) says what it must be; the
     * binder's own message names Java types and the conversion that failed.
     */
    private static String messageOf(ObjectError error) {
        if (error.contains(TypeMismatchException.class)) {
            Class<?> required = error.unwrap(TypeMismatchException.class).getRequiredType();
            return required != null && Number.class.isAssignableFrom(ClassUtils.resolvePrimitiveIfNecessary(required))
                    ? "must be a whole number" : "has the wrong type";
        }
        return String.valueOf(error.getDefaultMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
                        error instanceof FieldError field ? field.getField() : result.getMethodParameter().getParameterName(),
                        String.valueOf(error.getDefaultMessage()))))
                .toList();
        return validationProblem(e, errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (causedBy(e, PayloadTooLarge.class)) {
            ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    "The request body is too large.");
            return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        if (findCause(e, InvalidFormatException.class) instanceof InvalidFormatException invalid
                && StrictJsonInput.NUL_REFUSED.equals(invalid.getOriginalMessage())) {
            return validationProblem(e, List.of(new FieldProblem(fieldPath(invalid), StrictJsonInput.NUL_REFUSED)), request);
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "The request body is not valid JSON of the expected shape (check field types and allowed values).");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Tomcat decodes query parameters lazily and throws when one is not valid UTF-8 ({@code ?q=%FF}). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> handleUndecodableParameter(InvalidParameterException e, WebRequest request) {
        return handleProblem(undecodableParameter(), request);
    }

    static ProblemException undecodableParameter() {
        return new ProblemException(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "A query parameter is not valid UTF-8 once percent-decoded.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception e, WebRequest request) {
        if (isDatabaseTimeout(e)) {
            // a row held by someone else past the lock timeout, or a statement past the statement timeout: the
            // transaction was rolled back and nothing was written, so the request may simply be sent again
            log.warn("Database timeout on {}: {}", describe(request), e.getMessage());
            ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Busy",
                    "What this request needs is busy right now; nothing was changed, try again in a moment.");
            var headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return handleExceptionInternal(e, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
        }
        log.error("Unexpected error on {}", describe(request), e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side; nothing you sent was the cause.");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** An unknown path: the same answer as a path the firewall refuses, without naming Spring's static resources. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "Nothing is found at this path.");
        return handleExceptionInternal(e, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    /**
     * Every problem gets its {@code type} (Spring's own, such as 405 and 415, come without one) and is written as
     * {@code application/problem+json} whatever the request's {@code Accept} says: with an {@code Accept} that cannot
     * be parsed at all, negotiating the error's own type failed too and the answer had no body.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (body == null && e instanceof ErrorResponse error) {
            body = error.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail problem && request instanceof ServletWebRequest servlet) {
            HttpServletRequest http = servlet.getRequest();
            problem.setInstance(URI.create(http.getRequestURI()));
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                problem.setType(ProblemTypes.of(ProblemTypes.slugOf(status.value())));
            }
            var asProblem = new HttpHeaders();
            asProblem.putAll(headers);
            asProblem.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            headers = asProblem;
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private ResponseEntity<Object> validationProblem(Exception e, List<FieldProblem> errors, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", INVALID_TITLE, INVALID_DETAIL);
        problem.setProperty("errors", fieldErrors(errors));
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    private static List<Map<String, String>> fieldErrors(List<FieldProblem> errors) {
        return errors.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList();
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.of(slug));
        problem.setTitle(title);
        return problem;
    }

    /** PostgreSQL's lock_not_available (lock_timeout) and query_canceled (statement_timeout). */
    private static boolean isDatabaseTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("55P03".equals(sql.getSQLState()) || "57014".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return findCause(e, type) != null;
    }

    private static @Nullable Throwable findCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** The JSON path of the value, as the validation errors name fields: {@code shippingAddress.name}, {@code events[1]}. */
    private static String fieldPath(InvalidFormatException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String describe(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
                : request.getDescription(false);
    }
}
