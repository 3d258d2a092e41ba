package dev.bazaar.platform.web;

import dev.bazaar.shared.web.ProblemWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RequestBulkheadTests {

    /** Longer than any test waits, so purchases always go first here. */
    private static final Duration NO_PRECEDENCE_LIMIT = Duration.ofMinutes(5);
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);
    private static final Authentication SIGNED_IN = UsernamePasswordAuthenticationToken.authenticated("customer", null,
            AuthorityUtils.createAuthorityList("ROLE_CUSTOMER"));
    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("key", "anonymousUser",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void letGo() {
        release.countDown();
        clients.close();
    }

    @Test
    void aRequestBeyondTheLimitWaitsForAFreeSlotThenRuns() throws Exception {
        var bulkhead = bulkhead(1, Duration.ofSeconds(10));
        var first = occupyTheOnlySlot(bulkhead);

        var secondRan = new AtomicBoolean();
        var second = CompletableFuture.supplyAsync(() -> call(bulkhead, "/api/cart", (rq, rs) -> secondRan.set(true)), clients);
        await().atMost(Duration.ofSeconds(5)).until(() -> bulkhead.waiting() == 1);
        assertThat(secondRan).as("waits while the slot is taken").isFalse();

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(secondRan).isTrue();
    }

    @Test
    void aRequestThatWaitsTooLongIsToldToComeBackWithAProblem() throws Exception {
        var bulkhead = bulkhead(1, Duration.ofMillis(50));
        occupyTheOnlySlot(bulkhead);

        var ran = new AtomicBoolean();
        var response = call(bulkhead, "/api/checkout", (rq, rs) -> ran.set(true));

        assertThat(ran).isFalse();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("overloaded");
    }

    @Test
    void paymentWebhooksLiveStreamsStaticFilesAndNonShopPathsAreNeverQueued() throws Exception {
        var bulkhead = bulkhead(1, Duration.ofMillis(50));
        occupyTheOnlySlot(bulkhead);

        for (String path : new String[] {"/api/payments/webhooks/sandbox", "/api/orders/123/events", "/psp/v1/intents",
                "/actuator/health", "/orders/123/events", "/css/bazaar.css", "/webjars/htmx.org/dist/htmx.min.js"}) {
            var ran = new AtomicBoolean();
            assertThat(call(bulkhead, path, (rq, rs) -> ran.set(true)).getStatus()).as(path).isEqualTo(200);
            assertThat(ran).as(path).isTrue();
        }
    }

    @Test
    void webPagesWaitForAPermitLikeTheApi() throws Exception {
        var bulkhead = bulkhead(1, Duration.ofMillis(50));
        occupyTheOnlySlot(bulkhead);

        for (String path : new String[] {"/", "/cart", "/orders/123"}) {
            var ran = new AtomicBoolean();
            assertThat(call(bulkhead, path, (rq, rs) -> ran.set(true)).getStatus()).as(path).isEqualTo(503);
            assertThat(ran).as(path).isFalse();
        }
    }

    @Test
    void aCheckoutWaitingBehindCartChangesIsLetInFirst() throws Exception {
        var bulkhead = bulkhead(1, Duration.ofSeconds(10));

        assertThat(orderInWhichACartChangeThenACheckoutRun(bulkhead)).containsExactly("/api/checkout", "/api/cart/items");
    }

    @Test
    void withoutThePurchaseLaneEveryRequestWaitsInArrivalOrder() throws Exception {
        var bulkhead = new RequestBulkhead(1, 0, false, NO_PRECEDENCE_LIMIT, Duration.ofSeconds(10), BODY_TIMEOUT,
                new ProblemWriter(JsonMapper.builder().build()));

        assertThat(orderInWhichACartChangeThenACheckoutRun(bulkhead)).containsExactly("/api/cart/items", "/api/checkout");
    }

    /** Queues a cart change, then a checkout, behind a request holding the only slot, and lets that one finish. */
    private List<String> orderInWhichACartChangeThenACheckoutRun(RequestBulkhead bulkhead) throws Exception {
        var first = occupyTheOnlySlot(bulkhead);
        var ran = new CopyOnWriteArrayList<String>();

        var cart = queue(bulkhead, "/api/cart/items", ran);
        var checkout = queue(bulkhead, "/api/checkout", ran);
        release.countDown();

        first.get(5, TimeUnit.SECONDS);
        cart.get(5, TimeUnit.SECONDS);
        checkout.get(5, TimeUnit.SECONDS);
        return ran;
    }

    @Test
    void aGaugeShowsTheRequestsWaitingInEachLane() throws Exception {
        var bulkhead = bulkhead(1, Duration.ofSeconds(10));
        var registry = new SimpleMeterRegistry();
        bulkhead.bindTo(registry);
        var first = occupyTheOnlySlot(bulkhead);

        var cart = queue(bulkhead, "/api/cart/items", new CopyOnWriteArrayList<>());
        assertThat(registry.get("bazaar.web.waiting").tag("lane", "others").gauge().value()).isEqualTo(1);
        assertThat(registry.get("bazaar.web.waiting").tag("lane", "purchases").gauge().value()).isZero();

        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        cart.get(5, TimeUnit.SECONDS);
        assertThat(registry.get("bazaar.web.waiting").tag("lane", "others").gauge().value()).isZero();
    }

    @Test
    void anonymousCallersHoldNoMoreThanTheirShareAndSignedInCustomersGetTheRest() throws Exception {
        var bulkhead = new RequestBulkhead(2, 1, true, NO_PRECEDENCE_LIMIT, Duration.ofMillis(200), BODY_TIMEOUT,
                new ProblemWriter(JsonMapper.builder().build()));
        var holdingAnonymous = CompletableFuture.supplyAsync(() -> call(bulkhead,
                new MockHttpServletRequest("POST", "/api/auth/token"), ANONYMOUS, (rq, rs) -> {
                    holding.countDown();
                    awaitRelease();
                }), clients);
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        var secondAnonymous = call(bulkhead, new MockHttpServletRequest("POST", "/api/auth/register"), ANONYMOUS,
                (rq, rs) -> { });
        var customerRan = new AtomicBoolean();
        var customer = call(bulkhead, new MockHttpServletRequest("GET", "/api/cart"), SIGNED_IN,
                (rq, rs) -> customerRan.set(true));

        assertThat(secondAnonymous.getStatus()).as("the anonymous share is taken").isEqualTo(503);
        assertThat(customer.getStatus()).isEqualTo(200);
        assertThat(customerRan).isTrue();
        release.countDown();
        assertThat(holdingAnonymous.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        var anonymousAgain = call(bulkhead, new MockHttpServletRequest("POST", "/api/auth/register"), ANONYMOUS, (rq, rs) -> { });
        assertThat(anonymousAgain.getStatus()).as("the share is given back").isEqualTo(200);
    }

    @Test
    void anonymousCatalogReadsDoNotWaitForTheAnonymousShare() throws Exception {
        var bulkhead = new RequestBulkhead(2, 1, true, NO_PRECEDENCE_LIMIT, Duration.ofMillis(200), BODY_TIMEOUT,
                new ProblemWriter(JsonMapper.builder().build()));
        var holdingSignIn = CompletableFuture.supplyAsync(() -> call(bulkhead,
                new MockHttpServletRequest("POST", "/api/auth/token"), ANONYMOUS, (rq, rs) -> {
                    holding.countDown();
                    awaitRelease();
                }), clients);
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        var browsed = new AtomicBoolean();
        var browse = call(bulkhead, new MockHttpServletRequest("GET", "/api/products"), ANONYMOUS,
                (rq, rs) -> browsed.set(true));
        var secondSignIn = call(bulkhead, new MockHttpServletRequest("POST", "/api/auth/token"), ANONYMOUS, (rq, rs) -> { });

        assertThat(browse.getStatus()).as("a read takes a free permit, share or not").isEqualTo(200);
        assertThat(browsed).isTrue();
        assertThat(secondSignIn.getStatus()).as("the sign-ins' share is still taken").isEqualTo(503);
        release.countDown();
        assertThat(holdingSignIn.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    }

    @Test
    void theHandlerReadsTheBodyFromMemoryAsSent() throws Exception {
        var bulkhead = bulkhead(1, Duration.ofSeconds(1));
        var request = new MockHttpServletRequest("POST", "/api/cart/items");
        request.setContent("{\"sku\":\"TS-1\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8));
        var read = new CopyOnWriteArrayList<String>();

        var response = call(bulkhead, request, SIGNED_IN,
                (rq, rs) -> read.add(new String(rq.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(read).containsExactly("{\"sku\":\"TS-1\",\"quantity\":2}");
    }

    @Test
    void aBodyNotInByItsDeadlineIsRefusedWithATimeoutAndNeverQueued() throws Exception {
        var bulkhead = new RequestBulkhead(1, 0, true, NO_PRECEDENCE_LIMIT, Duration.ofSeconds(1), Duration.ZERO,
                new ProblemWriter(JsonMapper.builder().build()));
        var request = new MockHttpServletRequest("POST", "/api/auth/token");
        request.setContent("{}".getBytes(StandardCharsets.UTF_8));
        var ran = new AtomicBoolean();

        var response = call(bulkhead, request, ANONYMOUS, (rq, rs) -> ran.set(true));

        assertThat(ran).isFalse();
        assertThat(response.getStatus()).isEqualTo(408);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(bulkhead.waiting()).isZero();
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void purchasesAreCheckoutsAndPaymentRetries() {
        assertThat(RequestBulkhead.isPurchase(new MockHttpServletRequest("POST", "/api/checkout"))).isTrue();
        assertThat(RequestBulkhead.isPurchase(new MockHttpServletRequest("POST", "/api/orders/0b6f/payments"))).isTrue();
        assertThat(RequestBulkhead.isPurchase(new MockHttpServletRequest("GET", "/api/checkout"))).isFalse();
        assertThat(RequestBulkhead.isPurchase(new MockHttpServletRequest("POST", "/api/orders/0b6f/cancel"))).isFalse();
        assertThat(RequestBulkhead.isPurchase(new MockHttpServletRequest("POST", "/api/orders/0b6f/x/payments"))).isFalse();
        assertThat(RequestBulkhead.isPurchase(new MockHttpServletRequest("POST", "/api/orders/payments"))).isFalse();
        assertThat(RequestBulkhead.isPurchase(new MockHttpServletRequest("POST", "/api/cart/items"))).isFalse();
        assertThat(RequestBulkhead.isPurchase(new MockHttpServletRequest("POST", "/api/admin/orders/0b6f/payments"))).isFalse();
        // the same two on the web pages
        assertThat(RequestBulkhead.isPurchase(new MockHttpServletRequest("POST", "/checkout"))).isTrue();
        assertThat(RequestBulkhead.isPurchase(new MockHttpServletRequest("POST", "/orders/0b6f/payments"))).isTrue();
        assertThat(RequestBulkhead.isPurchase(new MockHttpServletRequest("POST", "/orders/0b6f/cancel"))).isFalse();
    }

    /** Starts a request that waits for the slot, and answers once it is waiting. */
    private CompletableFuture<MockHttpServletResponse> queue(RequestBulkhead bulkhead, String path, List<String> ran) {
        int before = bulkhead.waiting();
        var response = CompletableFuture.supplyAsync(() -> call(bulkhead, path, (rq, rs) -> ran.add(path)), clients);
        await().atMost(5, TimeUnit.SECONDS).until(() -> bulkhead.waiting() == before + 1);
        return response;
    }

    private CompletableFuture<MockHttpServletResponse> occupyTheOnlySlot(RequestBulkhead bulkhead) throws InterruptedException {
        var first = CompletableFuture.supplyAsync(() -> call(bulkhead, "/api/products", (rq, rs) -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), clients);
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private static RequestBulkhead bulkhead(int slots, Duration queueTimeout) {
        return new RequestBulkhead(slots, 0, true, NO_PRECEDENCE_LIMIT, queueTimeout, BODY_TIMEOUT,
                new ProblemWriter(JsonMapper.builder().build()));
    }

    /** A request of a signed-in customer. */
    private static MockHttpServletResponse call(RequestBulkhead bulkhead, String path, FilterChain chain) {
        return call(bulkhead, new MockHttpServletRequest("POST", path), SIGNED_IN, chain);
    }

    private static MockHttpServletResponse call(RequestBulkhead bulkhead, MockHttpServletRequest request,
                                                Authentication caller, FilterChain chain) {
        var response = new MockHttpServletResponse();
        SecurityContextHolder.getContext().setAuthentication(caller);
        try {
            bulkhead.doFilter(request, response, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            SecurityContextHolder.clearContext();
        }
        return response;
    }
}
