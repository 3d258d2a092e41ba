package dev.bazaar.platform.db;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Migrates each module's schema on its own: {@code db/migration/__root} first (shared schemas such as the event
 * publication registry), then every {@code db/migration/<module>} folder into the module's schema with its own
 * history table, so a module's versions never clash with another's and a module can later move out on its own.
 * The schema is the module's name unless {@code bazaar.migrations.schema.<module>} says otherwise
 * ({@code order} lives in {@code ordering}).
 */
@Configuration(proxyBeanMethods = false)
class ModuleMigrations {

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);
    private static final String ROOT = "__root";

    @Bean
    FlywayMigrationStrategy perModuleMigration(Environment env) {
        return flyway -> {
            flyway.migrate();
            for (String module : moduleFolders()) {
                String schema = env.getProperty("bazaar.migrations.schema." + module, module);
                var result = Flyway.configure(flyway.getConfiguration().getClassLoader())
                        .configuration(flyway.getConfiguration())
                        .locations("classpath:db/migration/" + module)
                        .schemas(schema)
                        .defaultSchema(schema)
                        .createSchemas(true)
                        .load()
                        .migrate();
                if (result.migrationsExecuted > 0) {
                    log.info("Migrated module {} (schema {}) to version {}", module, schema, result.targetSchemaVersion);
                }
            }
        };
    }

    private static SortedSet<String> moduleFolders() {
        try {
            var scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*/*.sql");
            var folders = new TreeSet<String>();
            for (var script : scripts) {
                String folder = folderOf(script.getURL().toString());
                if (!ROOT.equals(folder)) {
                    folders.add(folder);
                }
            }
            return folders;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the migration folders", e);
        }
    }

    private static String folderOf(String url) {
        String[] parts = url.split("/");
        return parts[parts.length - 2];
    }
}
