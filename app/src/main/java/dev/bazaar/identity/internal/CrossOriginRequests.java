package dev.bazaar.identity.internal;

import dev.bazaar.shared.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Lets a storefront served from another origin (a single-page app at {@code https://shop.example.com} calling the API
 * at {@code https://api.example.com}) call the API from a browser. Only the origins the operator names are allowed
 * ({@code bazaar.cors.allowed-origins}; patterns such as {@code https://*.example.com} too); with none, browsers get
 * no cross-origin access, as before. Callers send bearer tokens, never cookies, so credentials are not allowed.
 * A refused cross-origin request (an origin not named, a method or header the API does not take) is answered 403
 * with a problem, not Spring's plain-text "Invalid CORS request".
 */
final class CrossOriginRequests {

    private CrossOriginRequests() {
    }

    static CorsFilter filter(List<String> allowedOrigins, ProblemWriter problems) {
        var source = new UrlBasedCorsConfigurationSource();
        var origins = allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        if (!origins.isEmpty()) {
            source.registerCorsConfiguration("/api/**", api(origins));
        }
        var filter = new OnlyWithAnOrigin(source);
        filter.setCorsProcessor(new ProblemAnsweringProcessor(problems));
        return filter;
    }

    /**
     * Skips requests without an {@code Origin} header (API clients, the Payment System, the load tool), which are
     * never cross-origin, instead of looking their path up for every one of them. Their answers carry no
     * {@code Vary: Origin}: every API answer is {@code no-store}, so no cache can hand one to a browser.
     */
    private static final class OnlyWithAnOrigin extends CorsFilter {

        OnlyWithAnOrigin(CorsConfigurationSource source) {
            super(source);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return request.getHeader(HttpHeaders.ORIGIN) == null;
        }
    }

    private static CorsConfiguration api(List<String> origins) {
        var config = new CorsConfiguration();
        config.setAllowedOriginPatterns(origins);
        config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key", "Last-Event-ID"));
        config.setExposedHeaders(List.of("Location", "Retry-After", "WWW-Authenticate"));
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofHours(1));
        return config;
    }

    private static final class ProblemAnsweringProcessor extends DefaultCorsProcessor {

        private final ProblemWriter problems;

        ProblemAnsweringProcessor(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        public boolean processRequest(@Nullable CorsConfiguration config, HttpServletRequest request,
                                      HttpServletResponse response) throws IOException {
            // a preflight where no origin is allowed is refused outright (Spring answers it 200 with no headers)
            boolean nothingAllowed = config == null && CorsUtils.isPreFlightRequest(request);
            if (!nothingAllowed && super.processRequest(config, request, response)) {
                return true;
            }
            problems.write(request, response, HttpStatus.FORBIDDEN, "cross-origin-refused", "Cross-origin request refused",
                    "This origin, method or header is not allowed to call the API from a browser.");
            return false;
        }

        /** Leaves the answer to {@link #processRequest}, which writes it as a problem. */
        @Override
        protected void rejectRequest(ServerHttpResponse response) {
        }
    }
}
