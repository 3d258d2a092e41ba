package dev.bazaar.platform.work;

import dev.bazaar.BazaarIntegrationTest;
import dev.bazaar.ParkedWorkAdmin;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admins list the parked work in the shop's page shape and give a piece of it one more try; nobody else may do
 * either. The work is parked through FailedWork's own API, as the jobs that own it do.
 */
@BazaarIntegrationTest
class ParkedWorkIntegrationTests {

    private static final String KIND = "parked-work-test";

    @LocalServerPort
    int port;
    @Autowired
    FailedWork failures;
    TestApi api;
    TestApi admin;
    ParkedWorkAdmin parked;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        admin = api.as(api.admin());
        parked = new ParkedWorkAdmin(admin);
    }

    @Test
    void parkedWorkIsListedWithWhatFailedHowOftenAndSinceWhen() {
        String reference = "order-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        failures.record(KIND, key, reference, null, new IllegalStateException("not shown: may carry secrets"));
        failures.park(KIND, key, null, new HttpClientErrorException(HttpStatus.CONFLICT));

        var item = parked.find(KIND, reference).orElseThrow();
        assertThat(item.path("id").asString()).isNotBlank();
        assertThat(item.path("attempts").asInt()).as("the earlier failure counts").isEqualTo(2);
        assertThat(item.path("lastError").asString()).isEqualTo("HttpClientErrorException: HTTP 409");
        assertThat(item.path("since").asString()).as("when it first failed, ISO-8601").matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void everyKindOfRetriedWorkIsInTheGaugeFromTheStartSoAnAlertHasASeries() {
        var metrics = admin.get("/actuator/prometheus").body();
        for (String kind : List.of("outbox", "capture", "refund", "expiry")) {
            assertThat(metrics).as(kind).contains("bazaar_parked_work{kind=\"" + kind + "\"");
        }
    }

    @Test
    void theListIsAPageOfTheShopsPageShape() {
        failures.park(KIND, UUID.randomUUID().toString(), "first", new IllegalStateException());
        failures.park(KIND, UUID.randomUUID().toString(), "second", new IllegalStateException());

        var page = admin.get("/api/admin/parked?page=1&size=1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("page").asInt()).isEqualTo(1);
        assertThat(page.json().path("size").asInt()).isEqualTo(1);
        assertThat(page.json().path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.json().path("items")).hasSize(1);
        assertThat(admin.get("/api/admin/parked").json().path("size").asInt()).as("default size").isEqualTo(20);
        assertThat(admin.get("/api/admin/parked?size=101").status()).isEqualTo(400);
        assertThat(admin.get("/api/admin/parked?page=-1").status()).isEqualTo(400);
    }

    @Test
    void aRetryTakesTheWorkOffTheListAndMakesItDueForItsJob() {
        String key = UUID.randomUUID().toString();
        String reference = "retried-" + key;
        failures.park(KIND, key, reference, new IllegalStateException());
        String id = parked.find(KIND, reference).orElseThrow().path("id").asString();
        assertThat(failures.due(KIND)).doesNotContain(key);

        var retried = parked.retry(id);

        assertThat(retried.status()).isEqualTo(202);
        assertThat(parked.find(KIND, reference)).isEmpty();
        assertThat(failures.due(KIND)).as("its job tries it at its next run").contains(key);
        failures.park(KIND, key, null, new IllegalStateException());
        assertThat(parked.find(KIND, reference)).as("failing again parks it again, at once")
                .hasValueSatisfying(item -> assertThat(item.path("attempts").asInt()).isEqualTo(2));
    }

    @Test
    void anIdThatNamesNoParkedWorkIsNotFoundWhateverItsFormat() {
        for (String id : new String[]{UUID.randomUUID().toString(), "not-a-uuid"}) {
            var answer = parked.retry(id);
            assertThat(answer.status()).as(id).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void onlyAdminsSeeOrRetryParkedWork() {
        String id = UUID.randomUUID().toString();
        assertThat(api.get("/api/admin/parked").status()).isEqualTo(401);
        assertThat(api.post("/api/admin/parked/" + id + "/retry", null).status()).isEqualTo(401);
        for (var caller : new TestApi[]{api.as(api.newCustomer()), api.as(api.newStaff())}) {
            assertThat(caller.get("/api/admin/parked").status()).isEqualTo(403);
            assertThat(caller.post("/api/admin/parked/" + id + "/retry", null).status()).isEqualTo(403);
        }
    }
}
