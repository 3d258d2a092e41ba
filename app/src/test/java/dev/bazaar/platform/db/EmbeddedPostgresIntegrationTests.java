package dev.bazaar.platform.db;

import dev.bazaar.RunningShop;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The embedded default keeps the shop's data in its folder across restarts, also when started as root. */
class EmbeddedPostgresIntegrationTests {

    private Path folder;

    @AfterEach
    void cleanUp() {
        if (folder != null) {
            PostgresBinaries.deleteRecursively(folder);
        }
    }

    @Test
    void usersSurviveARestartOfTheShop() throws IOException {
        folder = openFolder();
        Path dataDir = folder.resolve("postgres");
        String email = TestApi.uniqueEmail("persist");

        try (var shop = startShop(dataDir)) {
            var registered = api(shop).post("/api/auth/register", Map.of("email", email, "password", "long-enough", "name", "Pat"));
            assertThat(registered.status()).isEqualTo(201);
            if (isRoot()) {
                assertThat(Files.getOwner(dataDir).getName()).isEqualTo("nobody");
            }
        }
        assertThat(dataDir.resolve("postmaster.pid")).as("the server stops with the shop").doesNotExist();

        try (var shop = startShop(dataDir)) {
            assertThat(api(shop).tokenFor(email, "long-enough")).isNotBlank();
        }
    }

    @Test
    void demoDataSeedsACatalogWithStockAndTheDemoAccounts() throws IOException {
        folder = openFolder();
        try (var shop = startShop(folder.resolve("postgres"), "--bazaar.demo-data=true")) {
            var api = api(shop);
            var products = api.get("/api/products?size=100").json();
            assertThat(products.path("total").asInt()).isGreaterThanOrEqualTo(50);
            assertThat(api.get("/api/categories").json().size()).isGreaterThanOrEqualTo(5);
            assertThat(products.toString()).contains("\"available\":120");
            assertThat(api.tokenFor("staff@bazaar.test", "bazaar-staff")).isNotBlank();
            assertThat(api.tokenFor("customer@bazaar.test", "bazaar-customer")).isNotBlank();
        }
    }

    @Test
    void theShopTalksToItsServerOverTheUnixDomainSocket() throws Exception {
        folder = openFolder();
        var server = EmbeddedPostgres.acquire(new EmbeddedPostgres.Settings(folder.resolve("postgres"), false, false, "nobody"));
        try {
            assertThat(server.jdbcUrl()).contains("socketFactory=" + UnixDomainSocketFactory.class.getName());
            // a session over a Unix-domain socket has no server address
            assertThat(queryOnce(server, "select inet_server_addr() is null and inet_client_addr() is null")).isEqualTo("t");
            assertThat(queryOnce(server, "select repeat('x', 100000)")).hasSize(100_000);
        } finally {
            server.release();
        }
    }

    @Test
    void theShopsDurableServerKeepsMoreThanTheDefaultBufferCache() throws Exception {
        folder = openFolder();
        var server = EmbeddedPostgres.acquire(new EmbeddedPostgres.Settings(folder.resolve("postgres"), false, true, "nobody"));
        try {
            assertThat(queryOnce(server, "show shared_buffers")).isEqualTo(EmbeddedPostgres.SHOP_SHARED_BUFFERS);
            assertThat(queryOnce(server, "show synchronous_commit")).isEqualTo("on");
        } finally {
            server.release();
        }
    }

    @Test
    void theShopsServerAnalysesNewTablesWithinSecondsNotAMinute() throws Exception {
        folder = openFolder();
        var server = EmbeddedPostgres.acquire(new EmbeddedPostgres.Settings(folder.resolve("postgres"), false, true, "nobody"));
        try {
            assertThat(queryOnce(server, "show autovacuum_naptime")).isEqualTo(EmbeddedPostgres.AUTOVACUUM_NAPTIME);
        } finally {
            server.release();
        }
    }

    @Test
    void analysingATableSamplesATenthOfWhatPostgresDefaultDoes() throws Exception {
        folder = openFolder();
        var server = EmbeddedPostgres.acquire(new EmbeddedPostgres.Settings(folder.resolve("postgres"), false, false, "nobody"));
        try (var connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             var statement = connection.createStatement()) {
            statement.execute("create table numbers as select n from generate_series(1, 50000) as n");
            statement.execute("analyze numbers");
            try (var buckets = statement.executeQuery("select array_length(histogram_bounds, 1) from pg_stats where tablename = 'numbers'")) {
                buckets.next();
                assertThat(buckets.getInt(1)).as("histogram bounds: one more than the buckets").isEqualTo(EmbeddedPostgres.STATISTICS_TARGET + 1);
            }
        } finally {
            server.release();
        }
    }

    @Test
    void aFolderTooDeepForASocketAddressFallsBackToTcp() throws Exception {
        folder = openFolder();
        Path deep = folder.resolve("a-folder-name-long-enough-that-the-socket-path-passes-the-limit-of-107-bytes").resolve("postgres");
        var server = EmbeddedPostgres.acquire(new EmbeddedPostgres.Settings(deep, false, false, "nobody"));
        try {
            assertThat(server.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:").doesNotContain("socketFactory");
            assertThat(queryOnce(server, "select inet_server_addr() = '127.0.0.1'")).isEqualTo("t");
        } finally {
            server.release();
        }
    }

    @Test
    void rootWithAnUnreachableDataFolderIsToldWhatToDo() throws IOException {
        assumeTrue(isRoot(), "only root hands the server to another account");
        folder = Files.createTempDirectory("bazaar-private-");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        var settings = new EmbeddedPostgres.Settings(folder.resolve("postgres"), false, false, "nobody");

        assertThatThrownBy(() -> EmbeddedPostgres.acquire(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nobody")
                .hasMessageContaining("BAZAAR_DATA_DIR");
    }

    private static String queryOnce(EmbeddedPostgres server, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static RunningShop startShop(Path dataDir, String... more) {
        return RunningShop.start(dataDir, more);
    }

    private static TestApi api(RunningShop shop) {
        return shop.api();
    }

    private static Path openFolder() throws IOException {
        return RunningShop.openFolder();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
