package dev.bazaar.platform.events;

import org.junit.jupiter.api.Test;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.support.CompletionRegisteringAdvisor;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.lang.reflect.Method;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pointcut matches the listeners Modulith completes publications for: after-commit transactional ones only, as
 * Modulith's own pointcut does (compared here, so that an upgrade that changes Modulith's fails this test).
 */
class CommitListenerPointcutTests {

    private final CommitListenerPointcut pointcut = new CommitListenerPointcut();

    static class Listeners {
        @ApplicationModuleListener
        void moduleListener(Object event) {
        }

        @TransactionalEventListener
        void afterCommit(Object event) {
        }

        @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
        void beforeCommit(Object event) {
        }

        @EventListener
        void plain(Object event) {
        }

        void none(Object event) {
        }
    }

    @Test
    void matchesAnApplicationModuleListener() {
        assertThat(matches("moduleListener")).isTrue();
    }

    @Test
    void matchesATransactionalEventListenerAfterCommit() {
        assertThat(matches("afterCommit")).isTrue();
    }

    @Test
    void doesNotMatchATransactionalEventListenerInAnotherPhase() {
        assertThat(matches("beforeCommit")).isFalse();
    }

    @Test
    void doesNotMatchAPlainEventListenerOrAnyOtherMethod() {
        assertThat(matches("plain")).isFalse();
        assertThat(matches("none")).isFalse();
    }

    @Test
    void agreesWithModulithsOwnPointcutOnEveryKindOfMethod() {
        var modulith = new CompletionRegisteringAdvisor(() -> {
            throw new IllegalStateException("only the pointcut is asked");
        }).getPointcut();
        for (Method method : Listeners.class.getDeclaredMethods()) {
            boolean modulithMatches = modulith.getClassFilter().matches(Listeners.class)
                    && modulith.getMethodMatcher().matches(method, Listeners.class);
            assertThat(matches(method.getName())).as(method.getName()).isEqualTo(modulithMatches);
        }
    }

    private boolean matches(String name) {
        try {
            Method method = Listeners.class.getDeclaredMethod(name, Object.class);
            return pointcut.getClassFilter().matches(Listeners.class) && pointcut.getMethodMatcher().matches(method, Listeners.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
