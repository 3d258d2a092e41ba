package dev.bazaar.platform.web;

import dev.bazaar.shared.web.PayloadTooLarge;
import dev.bazaar.shared.web.ProblemWriter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets at most {@code bazaar.web.max-concurrent-requests} requests of the API and the web pages (PagePaths; not
 * their static files) work at once; the others wait here, in arrival order, except that purchases (checkout and a
 * payment retry) wait in a lane of their own that is served first ({@code bazaar.web.purchases-first}). With virtual
 * threads nothing else bounds them, and hundreds of requests queueing for the ten database connections starve the
 * background work that moves orders on (payment, confirmation, notifications): under a flash sale an order took a
 * minute to be confirmed. Webhooks from the payment provider and live order streams pass freely; a request that waits
 * longer than {@code bazaar.web.queue-timeout} gets {@code 503} with Retry-After.
 * <p>
 * A permit is only ever held by a request that is ready to work: this filter runs after the security filters (an
 * unknown caller is refused before it gets here), and reads a request's whole body before it asks for a permit, with
 * a deadline for the whole body ({@code bazaar.web.body-timeout}; a body that does not arrive in full by then is
 * answered {@code 408} and its connection closed). Before, the permit was taken first and {@code @RequestBody} read
 * the body under it: six clients dripping a body one byte every few seconds held every permit, and every other
 * customer waited 30 s for a {@code 503}. Anonymous callers' requests that do work of their own (sign-in,
 * registration: a password hash each) hold at most {@code bazaar.web.max-anonymous-requests} of the permits at once
 * (half by default), so however many of them come, signed-in customers always find the rest. Anonymous reads
 * (browsing the catalog without a token) queue with everyone else.
 * <p>
 * The default, 6, leaves four of the default ten connections to that background work: fewer permits than
 * connections kept the confirmation lag and the checkout's latency low at no cost in throughput
 * (docs/performance-history.md, "Figures behind the code"). Raise it with the pool ({@code BAZAAR_DB_POOL_SIZE}).
 * <p>
 * Purchases go first because a saturated shop should finish the customers who are paying before it takes the next
 * browser's cart change: a checkout already holds the customer's whole cart, and once placed its stock is reserved
 * and its payment under way. In {@code steady} (a closed loop with no think time) this moves the queueing from the
 * checkout to the cart changes around it; a customer's whole round is as long as before. The precedence has a limit
 * ({@code bazaar.web.purchases-first-limit}, 1 s): a request that has waited that long goes before the purchases, so
 * a stream of purchases (a flash sale, or a client retrying payments) delays the other requests by about that much
 * and never starves them into a 503.
 * <p>
 * The gauge {@code bazaar.web.waiting} (tag {@code lane}: {@code purchases}, {@code others} or {@code anonymous})
 * shows how many requests wait, for tuning the permits against the pool.
 */
@Component
// after Spring Security's filters (SecurityFilterProperties.DEFAULT_FILTER_ORDER, -100): the caller is known here
@Order(0)
class RequestBulkhead extends OncePerRequestFilter implements MeterBinder {

    private final TwoLaneAdmission permits;
    /** Anonymous requests take one of these before they queue for a permit, so at most this many hold permits. */
    private final Semaphore anonymous;
    private final boolean purchasesFirst;
    private final Duration queueTimeout;
    private final long bodyTimeoutNanos;
    private final ProblemWriter problems;

    RequestBulkhead(@Value("${bazaar.web.max-concurrent-requests:6}") int maxConcurrent,
                    @Value("${bazaar.web.max-anonymous-requests:0}") int maxAnonymous,
                    @Value("${bazaar.web.purchases-first:true}") boolean purchasesFirst,
                    @Value("${bazaar.web.purchases-first-limit:1s}") Duration purchasesFirstLimit,
                    @Value("${bazaar.web.queue-timeout:30s}") Duration queueTimeout,
                    @Value("${bazaar.web.body-timeout:15s}") Duration bodyTimeout, ProblemWriter problems) {
        this.permits = maxConcurrent > 0 ? new TwoLaneAdmission(maxConcurrent, purchasesFirstLimit) : null;
        this.anonymous = maxConcurrent > 0 ? new Semaphore(anonymousShare(maxConcurrent, maxAnonymous), true) : null;
        this.purchasesFirst = purchasesFirst;
        this.queueTimeout = queueTimeout;
        this.bodyTimeoutNanos = bodyTimeout.toNanos();
        this.problems = problems;
    }

    /** 0 means half of the permits; never all of them, unless there is only one. */
    private static int anonymousShare(int maxConcurrent, int maxAnonymous) {
        if (maxAnonymous <= 0) {
            return Math.max(1, maxConcurrent / 2);
        }
        if (maxAnonymous >= maxConcurrent && maxConcurrent > 1) {
            throw new IllegalArgumentException("bazaar.web.max-anonymous-requests (" + maxAnonymous
                    + ") must be below bazaar.web.max-concurrent-requests (" + maxConcurrent
                    + "), or anonymous callers can take every permit");
        }
        return maxAnonymous;
    }

    /** The API and the web pages share the database pool, so they share the permits (static files need neither). */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") && !(PagePaths.isPage(path) && !PagePaths.isStatic(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long arrived = System.nanoTime();
        if (BufferedBody.present(request)) {
            try {
                request = BufferedBody.read(request, arrived + bodyTimeoutNanos);
            } catch (IOException e) {
                refuseUnread(request, response, e);
                return;
            }
        }
        if (permits == null || isUnqueued(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        boolean anonymousCaller = isAnonymous() && !isRead(request);
        boolean admitted;
        try {
            admitted = admit(request, anonymousCaller);
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
            if (anonymousCaller) {
                anonymous.release();
            }
        }
    }

    /** Waits at most the queue timeout in all: for the anonymous share first (if anonymous), then for a permit. */
    private boolean admit(HttpServletRequest request, boolean anonymousCaller) throws InterruptedException {
        long deadline = System.nanoTime() + queueTimeout.toNanos();
        if (anonymousCaller && !anonymous.tryAcquire(queueTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        boolean admitted = false;
        try {
            admitted = permits.enter(laneOf(request), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } finally {
            if (!admitted && anonymousCaller) {
                anonymous.release();
            }
        }
        return admitted;
    }

    /** A body that could not be read in full: too slow (408), or too large (413); its connection is closed. */
    private void refuseUnread(HttpServletRequest request, HttpServletResponse response, IOException e) throws IOException {
        TomcatReadTimeouts.abandonBody(request);
        if (response.isCommitted()) {
            return;
        }
        if (e instanceof PayloadTooLarge) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    "The request body is too large.");
            return;
        }
        // a body cut short or stalled (Tomcat's read timeout) is as unusable as one that came too slowly
        problems.write(request, response, HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request timeout",
                "The request body did not arrive in full in time.");
    }

    private static boolean isUnqueued(String path) {
        return path.startsWith("/api/payments/webhooks/") || path.endsWith("/events");
    }

    /**
     * A request without a body that only reads: browsing the catalog. The anonymous share is for the anonymous work
     * that is slow by nature (a sign-in's password hash, a registration); an anonymous read costs what a signed-in
     * one does, and holding browsers to half the permits cost the catalog throughput (docs/performance-history.md,
     * "Figures behind the code").
     */
    private static boolean isRead(HttpServletRequest request) {
        String method = request.getMethod();
        return ("GET".equals(method) || "HEAD".equals(method)) && !BufferedBody.present(request);
    }

    /** No token, or (on an open endpoint) Spring Security's anonymous stand-in. */
    private static boolean isAnonymous() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (permits == null) {
            return;
        }
        waitingGauge(registry, "purchases", TwoLaneAdmission.Lane.FAST);
        waitingGauge(registry, "others", TwoLaneAdmission.Lane.NORMAL);
        Gauge.builder("bazaar.web.waiting", anonymous, Semaphore::getQueueLength)
                .description("API requests waiting in the request bulkhead for a permit")
                .tag("lane", "anonymous")
                .register(registry);
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
        return permits == null ? 0 : permits.waiting(TwoLaneAdmission.Lane.FAST)
                + permits.waiting(TwoLaneAdmission.Lane.NORMAL) + anonymous.getQueueLength();
    }

    /** {@code POST /api/checkout} and {@code POST /api/orders/{id}/payments}, and the same two forms of the pages. */
    static boolean isPurchase(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI();
        return path.equals("/api/checkout") || isPaymentRetry(path, "/api/orders/")
                || path.equals("/checkout") || isPaymentRetry(path, "/orders/");
    }

    /** {@code <orders>{id}/payments}, the id being one path segment. */
    private static boolean isPaymentRetry(String path, String orders) {
        String payments = "/payments";
        return path.startsWith(orders) && path.endsWith(payments)
                && path.indexOf('/', orders.length()) == path.length() - payments.length();
    }
}
