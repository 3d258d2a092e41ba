package dev.bazaar.platform.events;

import org.springframework.aop.MethodMatcher;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.aop.support.annotation.AnnotationMethodMatcher;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.lang.reflect.Method;

/**
 * The listener methods whose publications Spring Modulith completes: those annotated, or meta-annotated as
 * {@code @ApplicationModuleListener} is, with {@link TransactionalEventListener} in phase {@code AFTER_COMMIT}, on the
 * method or the one it implements. The same test as Modulith 2.0.3's {@code CompletionRegisteringAdvisor} pointcut, so
 * that a listener run opens around exactly the invocations Modulith does its bookkeeping for.
 */
final class CommitListenerPointcut extends StaticMethodMatcherPointcut {

    private final MethodMatcher annotated = new AnnotationMethodMatcher(TransactionalEventListener.class, true);

    CommitListenerPointcut() {
        setClassFilter(type -> AnnotationUtils.isCandidateClass(type, TransactionalEventListener.class));
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        if (!annotated.matches(method, targetClass)) {
            return false;
        }
        var listener = AnnotatedElementUtils.findMergedAnnotation(method, TransactionalEventListener.class);
        return listener != null && listener.phase() == TransactionPhase.AFTER_COMMIT;
    }
}
