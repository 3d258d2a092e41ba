package dev.bazaar;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What an admin sees of parked work: the list at {@code /api/admin/parked} and the gauge {@code bazaar_parked_work}. */
public class ParkedWorkAdmin {

    private final TestApi admin;

    public ParkedWorkAdmin(TestApi admin) {
        this.admin = admin;
    }

    /** Every parked item, walking the pages (the test database holds other tests' parked work too). */
    public List<JsonNode> all() {
        var items = new ArrayList<JsonNode>();
        for (int page = 0; ; page++) {
            var answer = admin.get("/api/admin/parked?size=100&page=" + page);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            answer.json().path("items").forEach(items::add);
            if (answer.json().path("items").isEmpty() || items.size() >= answer.json().path("total").asLong()) {
                return items;
            }
        }
    }

    /** The parked item of this kind whose reference is this, if it is parked. */
    public Optional<JsonNode> find(String kind, String reference) {
        return all().stream().filter(item -> kind.equals(item.path("kind").asString())
                && reference.equals(item.path("reference").asString())).findFirst();
    }

    public TestApi.Response retry(String id) {
        return admin.post("/api/admin/parked/" + id + "/retry", null);
    }

    /** {@code bazaar_parked_work{kind="…"}} as the Prometheus endpoint shows it (0 while no work of the kind was parked). */
    public double gauge(String kind) {
        var metrics = admin.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.body().lines()
                .filter(line -> line.startsWith("bazaar_parked_work{") && line.contains("kind=\"" + kind + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
