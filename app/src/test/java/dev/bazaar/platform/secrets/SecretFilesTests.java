package dev.bazaar.platform.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretFilesTests {

    @TempDir
    Path folder;

    private static StandardEnvironment withVariables(Map<String, Object> variables) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return environment;
    }

    @Test
    void aSecretFileStandsForItsVariableTrimmedAndFillsTheSettingThatReadsIt() throws Exception {
        Files.writeString(folder.resolve("jwt"), "  from-a-file-0123456789\n");
        var environment = withVariables(Map.of("BAZAAR_JWT_SECRET_FILE", folder.resolve("jwt").toString()));

        new SecretFiles().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("BAZAAR_JWT_SECRET")).isEqualTo("from-a-file-0123456789");
        assertThat(environment.resolvePlaceholders("${BAZAAR_JWT_SECRET:}")).isEqualTo("from-a-file-0123456789");
    }

    @Test
    void bothTheVariableAndItsFileIsRefusedAndAnUnreadableFileIsNamed() throws Exception {
        Files.writeString(folder.resolve("key"), "x");
        assertThatThrownBy(() -> new SecretFiles().postProcessEnvironment(withVariables(Map.of(
                "BAZAAR_PSP_API_KEY", "y", "BAZAAR_PSP_API_KEY_FILE", folder.resolve("key").toString())), null))
                .hasMessageContaining("BAZAAR_PSP_API_KEY and BAZAAR_PSP_API_KEY_FILE");
        assertThatThrownBy(() -> new SecretFiles().postProcessEnvironment(withVariables(Map.of(
                "BAZAAR_PSP_WEBHOOK_SECRET_FILE", folder.resolve("missing").toString())), null))
                .hasMessageContaining("BAZAAR_PSP_WEBHOOK_SECRET_FILE");
    }
}
