package dev.bazaar;

import org.springframework.core.annotation.AliasFor;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One application module (the test's package) with the modules it uses, and nothing else: no other module's
 * listeners react, so a test sees exactly what its module does with an event. The database is the real one: every
 * module uses {@code platform}, which starts the test JVM's one embedded PostgreSQL (shared with
 * {@link BazaarIntegrationTest}'s contexts) and migrates every module's schema. The shared kernel and the platform
 * are always there: Modulith finds a module's dependencies by the beans it injects, and a module that injects only a
 * {@code java.time.Clock} (made in {@code shared.time}) would otherwise start without one. No web server runs. Test methods
 * take a {@link org.springframework.modulith.test.Scenario} to publish or stimulate and wait for what follows.
 * <p>
 * Each module test class is one more Spring context in the test JVM: write few, and keep a module's tests in one class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ApplicationModuleTest(extraIncludes = {"shared", "platform"})
@ActiveProfiles("test")
public @interface BazaarModuleTest {

    /** The neighbours the module is started with: by default the real beans of the modules it depends on directly. */
    @AliasFor(annotation = ApplicationModuleTest.class, attribute = "mode")
    BootstrapMode mode() default BootstrapMode.DIRECT_DEPENDENCIES;
}
