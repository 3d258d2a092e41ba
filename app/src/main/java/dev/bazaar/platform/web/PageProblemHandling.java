package dev.bazaar.platform.web;

import dev.bazaar.shared.web.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import java.util.Map;

/**
 * What a page's handler fails with, as a page: the problem's status, title and detail (written for the client, as
 * every {@link ProblemException}'s is). Handlers show the refusals a form can correct on the form itself; this is for
 * the rest (an order that is not the caller's, a malformed link). Other failures fall through to the API's advice.
 */
@ControllerAdvice(annotations = WebPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageProblemHandling {

    @ExceptionHandler(ProblemException.class)
    ModelAndView problem(ProblemException e, HttpServletResponse response) {
        e.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        return page(e.status(), e.title(), e.getMessage());
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ModelAndView badLink() {
        return page(HttpStatus.BAD_REQUEST, "Bad request", "This link or form is not one the shop understands.");
    }

    static ModelAndView page(HttpStatus status, String title, String detail) {
        var page = new ModelAndView("problem", Map.of("status", status.value(), "heading", title, "detail", detail));
        page.setStatus(status);
        return page;
    }
}
