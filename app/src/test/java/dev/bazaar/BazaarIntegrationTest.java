package dev.bazaar;

import org.springframework.boot.test.context.SpringBootTest;
import dev.bazaar.platform.events.OutboxProbes;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole shop on a random port, against the test JVM's one embedded PostgreSQL. Tests talk to it over real
 * HTTP through {@link TestApi}, and keep out of each other's way by making their own users and data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({StockFixtures.class, OutboxProbes.class})
@ActiveProfiles("test")
public @interface BazaarIntegrationTest {
}
