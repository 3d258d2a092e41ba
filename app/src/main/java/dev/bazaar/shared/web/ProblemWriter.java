package dev.bazaar.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/** Writes a problem straight to the servlet response, for filters that answer before any controller runs. */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
                      String title, String detail) throws IOException {
        write(request, response, new ProblemException(status, slug, title, detail));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemException refusal) throws IOException {
        HttpStatus status = refusal.status();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refusal.getMessage());
        problem.setType(ProblemTypes.of(refusal.slug()));
        problem.setTitle(refusal.title());
        refusal.properties().forEach(problem::setProperty);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
