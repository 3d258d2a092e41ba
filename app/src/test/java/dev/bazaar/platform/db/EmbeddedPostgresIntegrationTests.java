package dev.bazaar.platform.db;

import dev.bazaar.BazaarApplication;
import dev.bazaar.TestApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    private static ConfigurableApplicationContext startShop(Path dataDir) {
        return new SpringApplicationBuilder(BazaarApplication.class)
                .profiles("test")
                .run("--bazaar.embedded-postgres.ephemeral=false", "--bazaar.data-dir=" + dataDir, "--server.port=0");
    }

    private static TestApi api(ConfigurableApplicationContext shop) {
        return new TestApi(((WebServerApplicationContext) shop).getWebServer().getPort());
    }

    private static Path openFolder() throws IOException {
        Path dir = Files.createTempDirectory("bazaar-restart-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
