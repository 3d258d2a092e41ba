package dev.bazaar.platform.web;

import dev.bazaar.shared.web.ProblemTypes;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * The servlet container's error page ({@code /error}): what fails outside Spring MVC's handlers (a {@code TRACE}
 * request, a failure in a filter) is answered as a problem detail, like everything else, instead of Spring Boot's
 * own {@code {timestamp, status, error, path}}. It says nothing of the cause: a 5xx is logged where it happened.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                && HttpStatus.resolve(code) instanceof HttpStatus known && known.isError() ? known : HttpStatus.INTERNAL_SERVER_ERROR;
        var problem = ProblemDetail.forStatusAndDetail(status, status.is5xxServerError()
                ? "Something went wrong on our side; nothing you sent was the cause."
                : "The request was refused: " + status.getReasonPhrase() + ".");
        problem.setType(ProblemTypes.of(status.is5xxServerError() ? "internal-error" : ProblemTypes.slugOf(status.value())));
        problem.setTitle(status.is5xxServerError() ? "Internal error" : status.getReasonPhrase());
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // leave the instance out rather than echo what could not be parsed
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
