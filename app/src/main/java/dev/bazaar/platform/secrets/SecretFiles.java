package dev.bazaar.platform.secrets;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Every {@code BAZAAR_<NAME>_FILE} environment variable stands for {@code BAZAAR_<NAME>} with the content of the file
 * it names, trimmed (Docker and Kubernetes secrets: {@code BAZAAR_JWT_SECRET_FILE=/run/secrets/jwt}), so that no
 * secret need be in the environment, where {@code ps e} and crash reports show it. Setting both is refused.
 */
public final class SecretFiles implements EnvironmentPostProcessor {

    static final String SOURCE = "bazaarSecretFiles";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var variables = environment.getPropertySources()
                .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        if (!(variables instanceof EnumerablePropertySource<?> env)) {
            return;
        }
        Map<String, Object> secrets = new HashMap<>();
        for (String name : env.getPropertyNames()) {
            if (!name.startsWith("BAZAAR_") || !name.endsWith("_FILE")) {
                continue;
            }
            String target = name.substring(0, name.length() - "_FILE".length());
            if (env.containsProperty(target)) {
                throw new IllegalStateException("Both " + target + " and " + name + " are set: set only one of them");
            }
            Path file = Path.of(String.valueOf(env.getProperty(name)));
            try {
                secrets.put(target, Files.readString(file).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(name + " names " + file + ", which cannot be read", e);
            }
        }
        if (!secrets.isEmpty()) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new MapPropertySource(SOURCE, secrets));
        }
    }
}
