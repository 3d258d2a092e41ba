package dev.bazaar.platform.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server run from zonky's binaries artifact, with its data in a folder of ours.
 * <p>
 * PostgreSQL refuses to run as root, so when this JVM is root the server's processes run as an unprivileged
 * account ({@code nobody} by default) which is given the data folder. One server per data folder and JVM: every
 * Spring context that asks for the same folder shares it, and the last one to let go stops it.
 */
public final class EmbeddedPostgres {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Map<Path, EmbeddedPostgres> RUNNING = new HashMap<>();
    private static final String DATABASE = "bazaar";
    private static final String USER = "bazaar";
    private static final String PASSWORD_FILE = "bazaar.password";
    /**
     * PostgreSQL's default of 128MB is outgrown by the shop's data after a few minutes of orders, and every page read
     * past it costs a call into the kernel. 512MB is held only as pages are used; a
     * test's throw-away server keeps the default.
     */
    static final String SHOP_SHARED_BUFFERS = "512MB";
    /**
     * How often autovacuum looks at the database (PostgreSQL's default is a minute). A new database's tables have no
     * statistics until their first ANALYZE, and until then the planner guesses 200 distinct values per column, so a
     * connection that builds a statement's generic plan in that time costs it in proportion to the table's size. It
     * keeps that cost until the generic plan is built again, which it never is while the cost stays above the custom
     * plans', so the connection plans the statement on every call from then on (docs/performance-history.md, "Figures behind the code"). Analysed within seconds, the tables are still small when it happens. The outbox's
     * table, whose rows are all deleted within a second, is also vacuumed before it bloats.
     */
    static final String AUTOVACUUM_NAPTIME = "5s";
    /**
     * How finely ANALYZE describes a column (PostgreSQL's default is 100): it samples 300 rows per unit, 3,000 here, and
     * sorts the sample once per column. The shop's tables grow by hundreds of rows a second under load, so autovacuum
     * analyses each of them every few seconds, and with the default the sorting was a noticeable share of
     * PostgreSQL's work (docs/performance-history.md, "Figures behind the code"). The shop's queries
     * find rows by key or by an indexed status, for which ten histogram buckets and ten common values are plenty.
     */
    static final int STATISTICS_TARGET = 10;

    /** How to run the server: where its data lives, whether it survives the JVM, whether commits hit the disk. */
    public record Settings(Path dataDir, boolean ephemeral, boolean durable, String runAs) {
    }

    private final Settings settings;
    private final Path dataDir;
    private final Path binaries;
    private final boolean root;
    private int port;
    private Path socket;
    private String password;
    private int users;

    private EmbeddedPostgres(Settings settings, Path dataDir) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.binaries = PostgresBinaries.unpack(Path.of(System.getProperty("java.io.tmpdir")));
        this.root = isRoot();
    }

    /** Starts the server for these settings, or joins the one this JVM already runs on the same folder. */
    public static synchronized EmbeddedPostgres acquire(Settings settings) {
        Path dir = settings.ephemeral() ? Path.of("ephemeral") : settings.dataDir().toAbsolutePath().normalize();
        EmbeddedPostgres server = RUNNING.get(dir);
        if (server == null) {
            Path dataDir = settings.ephemeral() ? newEphemeralDir() : dir;
            server = new EmbeddedPostgres(settings, dataDir);
            server.start();
            // stopped when the last Spring context using it closes (Spring's own shutdown hook closes them); a JVM hook
            // of ours would race those contexts and pull the database out from under them
            RUNNING.put(dir, server);
        }
        server.users++;
        return server;
    }

    /** Lets go of the server; the last user stops it. */
    public void release() {
        synchronized (EmbeddedPostgres.class) {
            if (--users > 0) {
                return;
            }
            RUNNING.values().remove(this);
        }
        stopQuietly();
    }

    /** Over the server's Unix-domain socket where it has one (cheaper per round trip), else over loopback TCP. */
    public String jdbcUrl() {
        if (socket == null) {
            return tcpUrl(DATABASE);
        }
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?sslmode=disable&gssEncMode=disable"
                + "&socketFactory=" + UnixDomainSocketFactory.class.getName()
                + "&socketFactoryArg=" + URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8);
    }

    private String tcpUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    public Path dataDir() {
        return dataDir;
    }

    private void start() {
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initialise();
        }
        password = readPassword();
        List<String> adopted = serverStillRunning();
        if (adopted != null) {
            port = Integer.parseInt(adopted.get(3).strip());
            log.warn("Adopting the embedded PostgreSQL left running in {} on port {}", dataDir, port);
            socket = adopted.size() < 5 || adopted.get(4).isBlank() ? null : socketIn(Path.of(adopted.get(4).strip()));
        } else {
            port = freePort();
            socket = socketIn(dataDir);
            String options = "-p " + port + " -c unix_socket_directories='" + (socket == null ? "" : socket.getParent()) + "'"
                    + " -c autovacuum_naptime=" + AUTOVACUUM_NAPTIME
                    + " -c default_statistics_target=" + STATISTICS_TARGET
                    + (settings.durable() ? " -c shared_buffers=" + SHOP_SHARED_BUFFERS
                                          : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", dataDir.resolve("postgres.log").toString(),
                    "-o", options, "-w", "-t", "120", "start"));
        }
        createDatabaseIfMissing();
        log.info("Embedded PostgreSQL 17 running on 127.0.0.1:{}{} with data in {}{}", port,
                socket == null ? "" : " and " + socket, dataDir,
                root ? " (as '" + settings.runAs() + "', since this JVM runs as root)" : "");
    }

    private void initialise() {
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            if (root) {
                giveToServerAccount(dataDir);
                checkServerAccountCanReach(dataDir);
            }
            String generated = HexFormat.of().formatHex(randomBytes());
            // initdb wants an empty data folder, so the password file lives beside it until the cluster exists
            Path passwordDir = Files.createTempDirectory("bazaar-pg-init-");
            Path initPassword = Files.writeString(passwordDir.resolve("pw"), generated + "\n");
            if (root) {
                giveToServerAccount(passwordDir);
                giveToServerAccount(initPassword);
            }
            try {
                run(List.of(bin("initdb"), "-D", dataDir.toString(), "-U", USER, "--pwfile=" + initPassword, "-E", "UTF8",
                        "--no-locale", "--auth=scram-sha-256", "--no-instructions"));
            } finally {
                PostgresBinaries.deleteRecursively(passwordDir);
            }
            // no socket for a server started by hand; the shop names its socket folder on the command line instead
            Files.writeString(dataDir.resolve("postgresql.auto.conf"), """
                    listen_addresses = '127.0.0.1'
                    unix_socket_directories = ''
                    max_connections = 200
                    """, java.nio.file.StandardOpenOption.APPEND);
            Path passwordFile = dataDir.resolve(PASSWORD_FILE);
            Files.writeString(passwordFile, generated);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            if (root) {
                giveToServerAccount(passwordFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the embedded PostgreSQL data folder " + dataDir, e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private String readPassword() {
        try {
            return Files.readString(dataDir.resolve(PASSWORD_FILE)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("The embedded PostgreSQL data folder " + dataDir + " has no " + PASSWORD_FILE
                    + "; it was not made by Bazaar. Point BAZAAR_DATA_DIR at an empty or Bazaar-made folder.", e);
        }
    }

    /**
     * The socket file the server makes in {@code dir} for {@link #port}, or none where its path would be longer than
     * a Unix-domain address may be (107 bytes on Linux): then the shop talks TCP only.
     */
    private Path socketIn(Path dir) {
        Path file = dir.toAbsolutePath().resolve(".s.PGSQL." + port);
        boolean fits = file.toString().getBytes(StandardCharsets.UTF_8).length <= 107 && !dir.toString().contains("'");
        return fits ? file : null;
    }

    /** The lines of the server's postmaster.pid (4th: port, 5th: socket folder) if one still runs on this folder. */
    private List<String> serverStillRunning() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return null;
        }
        var status = exec(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "status"));
        if (status.exitCode() != 0) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            Integer.parseInt(lines.get(3).strip());
            return lines;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void createDatabaseIfMissing() {
        try (var connection = DriverManager.getConnection(tcpUrl("postgres"), USER, password);
             var statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database in the embedded PostgreSQL", e);
        }
    }

    private void stopQuietly() {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                exec(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
            }
        } finally {
            if (settings.ephemeral()) {
                PostgresBinaries.deleteRecursively(dataDir.getParent());
            }
        }
    }

    private void giveToServerAccount(Path path) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, lookup.lookupPrincipalByName(settings.runAs()));
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(lookup.lookupPrincipalByGroupName(primaryGroup()));
    }

    private void checkServerAccountCanReach(Path dir) {
        if (exec(List.of("test", "-w", dir.toString())).exitCode() != 0) {
            throw new IllegalStateException("""
                    Bazaar runs as root, so its embedded PostgreSQL runs as '%s' (PostgreSQL refuses to run as root), \
                    but '%s' cannot reach the data folder %s: a folder above it is not open to other users. \
                    Point BAZAAR_DATA_DIR at a folder it can reach (for example /var/lib/bazaar or /tmp/bazaar), \
                    or run Bazaar as an ordinary user.""".formatted(settings.runAs(), settings.runAs(), dir));
        }
    }

    private String bin(String tool) {
        return binaries.resolve("bin").resolve(tool).toString();
    }

    private void run(List<String> command) {
        var result = exec(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("Embedded PostgreSQL: '" + Path.of(command.getFirst()).getFileName()
                    + "' failed (exit " + result.exitCode() + "): " + result.output().strip()
                    + logTail());
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postgres.log"));
            return "\nLast lines of " + dataDir.resolve("postgres.log") + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a command, as the server account when this JVM is root. */
    private Result exec(List<String> command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("setpriv", "--reuid=" + settings.runAs(), "--regid=" + primaryGroup(), "--clear-groups", "--"));
        }
        full.addAll(command);
        try {
            var builder = new ProcessBuilder(full).redirectErrorStream(true);
            builder.environment().put("LC_ALL", "C");
            builder.environment().put("TZ", "UTC");
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + full, e);
        }
    }

    private String primaryGroup() {
        try {
            var process = new ProcessBuilder("id", "-gn", settings.runAs()).start();
            String group = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 && !group.isEmpty() ? group : settings.runAs();
        } catch (IOException e) {
            return settings.runAs();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return settings.runAs();
        }
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static Path newEphemeralDir() {
        try {
            Path parent = Files.createTempDirectory("bazaar-pg-");
            parent.toFile().setReadable(true, false);
            parent.toFile().setExecutable(true, false);
            return parent.resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port for the embedded PostgreSQL", e);
        }
    }
}
