package dev.bazaar;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** A whole shop started by a test on its own data folder, to stop and start again as an operator would. */
public final class RunningShop implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningShop(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningShop start(Path dataDir, String... arguments) {
        var args = new ArrayList<>(List.of(
                "--bazaar.embedded-postgres.ephemeral=false", "--bazaar.data-dir=" + dataDir, "--server.port=0"));
        args.addAll(List.of(arguments));
        return new RunningShop(new SpringApplicationBuilder(BazaarApplication.class).profiles("test")
                .run(args.toArray(String[]::new)));
    }

    /** A folder under the temp directory that the embedded server's account can reach also when tests run as root. */
    public static Path openFolder() throws IOException {
        Path dir = Files.createTempDirectory("bazaar-shop-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** Such a folder for a shop's data, deleted with everything in it when closed (after the shops that used it). */
    public record Folder(Path path) implements AutoCloseable {

        public static Folder open() throws IOException {
            return new Folder(openFolder());
        }

        public Path dataDir() {
            return path.resolve("postgres");
        }

        @Override
        public void close() {
            dev.bazaar.platform.db.TestFolders.delete(path);
        }
    }

    public TestApi api() {
        return new TestApi(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
