package dev.bazaar.platform.db;

import java.nio.file.Path;

/** Lets tests outside this package remove the folders they made. */
public final class TestFolders {

    private TestFolders() {
    }

    public static void delete(Path folder) {
        PostgresBinaries.deleteRecursively(folder);
    }
}
