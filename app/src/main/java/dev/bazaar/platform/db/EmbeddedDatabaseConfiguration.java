package dev.bazaar.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import java.nio.file.Path;

/**
 * Starts the embedded PostgreSQL before the DataSource exists, unless {@code spring.datasource.url} names an
 * external server.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "release")
    EmbeddedPostgres embeddedPostgres(Environment env) {
        return EmbeddedPostgres.acquire(new EmbeddedPostgres.Settings(
                Path.of(env.getProperty("bazaar.data-dir", "./data/postgres")),
                env.getProperty("bazaar.embedded-postgres.ephemeral", Boolean.class, false),
                env.getProperty("bazaar.embedded-postgres.durable", Boolean.class, true),
                env.getProperty("bazaar.embedded-postgres.run-as", "nobody")));
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(postgres.username());
        dataSource.setPassword(postgres.password());
        return dataSource;
    }

    static class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
