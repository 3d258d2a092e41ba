package dev.bazaar.platform.web;

import dev.bazaar.shared.web.ProblemWriter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Lets at most {@code bazaar.web.max-concurrent-requests} API requests work at once; the others wait here, in arrival
 * order, except that purchases (checkout and a payment retry) wait in a lane of their own that is served first
 * ({@code bazaar.web.purchases-first}). With virtual threads nothing else bounds them, and hundreds of requests
 * queueing for the ten database connections starve the background work that moves orders on (payment, confirmation,
 * notifications): under a flash sale an order took a minute to be confirmed. Webhooks from the payment provider and
 * live order streams pass freely; a request that waits longer than {@code bazaar.web.queue-timeout} gets {@code 503}
 * with Retry-After.
 * <p>
 * The default, 6, leaves four of the default ten connections to that background work. Under {@code steady} with 64
 * customers 8 permits kept the confirmation lag's p99 at 0.5-0.65 s where 16 gave 1.5-1.9 s, with no less
 * throughput; 6 with the purchase lane brought the checkout's p99 under 100 ms in six runs of seven (8 permits:
 * 101-126 ms), again with no less throughput (docs/performance-history.md, eleventh round). Raise it with the pool
 * ({@code BAZAAR_DB_POOL_SIZE}).
 * <p>
 * Purchases go first because a saturated shop should finish the customers who are paying before it takes the next
 * browser's cart change: a checkout already holds the customer's whole cart, and once placed its stock is reserved
 * and its payment under way. In {@code steady} (a closed loop with no think time) this moves the queueing from the
 * checkout to the cart changes around it; a customer's whole round is as long as before. The precedence has a limit
 * ({@code bazaar.web.purchases-first-limit}, 1 s): a request that has waited that long goes before the purchases, so
 * a stream of purchases (a flash sale, or a client retrying payments) delays the other requests by about that much
 * and never starves them into a 503.
 * <p>
 * The gauge {@code bazaar.web.waiting} (tag {@code lane}: {@code purchases} or {@code others}) shows how many
 * requests wait, for tuning the permits against the pool.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestBulkhead extends OncePerRequestFilter implements MeterBinder {

    private final TwoLaneAdmission permits;
    private final boolean purchasesFirst;
    private final Duration queueTimeout;
    private final ProblemWriter problems;

    RequestBulkhead(@Value("${bazaar.web.max-concurrent-requests:6}") int maxConcurrent,
                    @Value("${bazaar.web.purchases-first:true}") boolean purchasesFirst,
                    @Value("${bazaar.web.purchases-first-limit:1s}") Duration purchasesFirstLimit,
                    @Value("${bazaar.web.queue-timeout:30s}") Duration queueTimeout, ProblemWriter problems) {
        this.permits = maxConcurrent > 0 ? new TwoLaneAdmission(maxConcurrent, purchasesFirstLimit) : null;
        this.purchasesFirst = purchasesFirst;
        this.queueTimeout = queueTimeout;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return permits == null || !path.startsWith("/api/") || path.startsWith("/api/payments/webhooks/")
                || path.endsWith("/events");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.enter(laneOf(request), queueTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader("Retry-After", "1");
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded",
                    "The shop is busy; try again in a moment.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.leave();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (permits == null) {
            return;
        }
        waitingGauge(registry, "purchases", TwoLaneAdmission.Lane.FAST);
        waitingGauge(registry, "others", TwoLaneAdmission.Lane.NORMAL);
    }

    private void waitingGauge(MeterRegistry registry, String name, TwoLaneAdmission.Lane lane) {
        Gauge.builder("bazaar.web.waiting", permits, admission -> admission.waiting(lane))
                .description("API requests waiting in the request bulkhead for a permit")
                .tag("lane", name)
                .register(registry);
    }

    private TwoLaneAdmission.Lane laneOf(HttpServletRequest request) {
        return purchasesFirst && isPurchase(request) ? TwoLaneAdmission.Lane.FAST : TwoLaneAdmission.Lane.NORMAL;
    }

    /** Requests waiting for a permit now, in both lanes. */
    int waiting() {
        return permits == null ? 0
                : permits.waiting(TwoLaneAdmission.Lane.FAST) + permits.waiting(TwoLaneAdmission.Lane.NORMAL);
    }

    /** {@code POST /api/checkout} and {@code POST /api/orders/{id}/payments}. */
    static boolean isPurchase(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI();
        return path.equals("/api/checkout") || isPaymentRetry(path);
    }

    /** {@code /api/orders/{id}/payments}, the id being one path segment. */
    private static boolean isPaymentRetry(String path) {
        String orders = "/api/orders/";
        String payments = "/payments";
        return path.startsWith(orders) && path.endsWith(payments)
                && path.indexOf('/', orders.length()) == path.length() - payments.length();
    }
}
