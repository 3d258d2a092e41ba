package dev.bazaar.platform.events;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.core.EventPublicationRepository;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decorator declares every method of Modulith's repository interface, abstract and default alike: a method an
 * upgrade adds would otherwise run the interface's default instead of the JDBC repository's override.
 */
class ShortcutEventPublicationRepositoryTests {

    @Test
    void declaresEveryMethodOfTheRepositoryInterface() throws NoSuchMethodException {
        var interfaceMethods = Arrays.stream(EventPublicationRepository.class.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .toList();

        assertThat(interfaceMethods).extracting(Method::getName).contains("markProcessing", "markFailed", "countByStatus");
        for (Method method : interfaceMethods) {
            var declared = ShortcutEventPublicationRepository.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            assertThat(declared.getReturnType()).as(method.toString()).isEqualTo(method.getReturnType());
        }
    }
}
