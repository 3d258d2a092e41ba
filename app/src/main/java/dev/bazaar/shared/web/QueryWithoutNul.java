package dev.bazaar.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import org.apache.tomcat.util.http.InvalidParameterException;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Refuses a query parameter that contains the NUL character ({@code %00}) with a 400 naming it, as JSON text with one
 * is refused ({@link StrictJsonInput}): PostgreSQL cannot take it, and a search for {@code q=%00} answered 500.
 * Only a query string that has {@code %00} in it is parsed here; every other request passes at the cost of a search.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class QueryWithoutNul extends OncePerRequestFilter {

    private final ProblemWriter problems;

    QueryWithoutNul(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && query.contains("%00")) { // no letters in it, so no case to mind
            List<ProblemHandling.FieldProblem> refused;
            try {
                refused = withNul(request.getParameterMap());
            } catch (InvalidParameterException notUtf8) {
                problems.write(request, response, ProblemHandling.undecodableParameter());
                return;
            }
            if (!refused.isEmpty()) {
                problems.write(request, response, ProblemHandling.invalidFields(refused));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static List<ProblemHandling.FieldProblem> withNul(Map<String, String[]> parameters) {
        return parameters.entrySet().stream()
                .filter(p -> p.getKey().indexOf('\0') >= 0 || Arrays.stream(p.getValue()).anyMatch(v -> v.indexOf('\0') >= 0))
                .map(p -> new ProblemHandling.FieldProblem(p.getKey().replace('\0', '?'), StrictJsonInput.NUL_REFUSED))
                .toList();
    }
}
