package dev.bazaar.identity.internal;

import dev.bazaar.identity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Records every successful write by staff or an admin: who ({@code actor}), what ({@code action}: the method and
 * the route, such as {@code POST /api/inventory/{sku}/adjustments}), on which resource (the path) and when.
 */
@Configuration(proxyBeanMethods = false)
public class AuditTrail implements HandlerInterceptor, WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One audited action. */
    public record Entry(java.time.Instant at, String actor, String action, String resource) {
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (READS.contains(request.getMethod()) || response.getStatus() >= 400 || ex != null) {
            return;
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            return;
        }
        List<String> roles = jwt.getClaimAsStringList("roles");
        if (roles == null || !(roles.contains(Role.STAFF.name()) || roles.contains(Role.ADMIN.name()))) {
            return;
        }
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        try {
            jdbc.sql("insert into identity.audit_log (at, actor, action, resource) values (:at, :actor, :action, :resource)")
                    .param("at", Timestamp.from(clock.instant())).param("actor", jwt.getClaimAsString("email"))
                    .param("action", request.getMethod() + " " + (route == null ? request.getRequestURI() : route))
                    .param("resource", request.getRequestURI())
                    .update();
        } catch (RuntimeException e) {
            log.error("Could not record {} {} by {} in the audit log", request.getMethod(), request.getRequestURI(),
                    jwt.getClaimAsString("email"), e);
        }
    }

    public List<Entry> page(int limit, long offset) {
        return jdbc.sql("select * from identity.audit_log order by at desc, id desc limit :limit offset :offset")
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("resource")))
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from identity.audit_log").query(Long.class).single();
    }
}
