package dev.bazaar.platform.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresBinariesTests {

    @Test
    void theServerBinariesUnpackIntoAnEmptyFolderAndAreFoundThereTheSecondTime(@TempDir Path cache) {
        Path unpacked = PostgresBinaries.unpack(cache);
        assertThat(unpacked.resolve("bin/pg_ctl")).isExecutable();
        assertThat(unpacked.resolve("bin/postgres")).isExecutable();
        assertThat(PostgresBinaries.unpack(cache)).isEqualTo(unpacked);
        assertThat(Files.exists(unpacked.getParent())).isTrue();
    }
}
