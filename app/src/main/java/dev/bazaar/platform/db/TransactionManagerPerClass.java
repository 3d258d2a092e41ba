package dev.bazaar.platform.db;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.util.StringUtils;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spring's transaction interceptor, remembering which transaction manager each class's {@code @Transactional}
 * methods use. Since Spring 6.2 the interceptor looks for a {@code @Qualifier} on the target class on every call it
 * makes without a qualifier of its own. That scan is not cached and cost about 2 % of the shop's CPU under load. Once
 * the context runs, the answer for a class cannot change, so it is worked out once, by Spring's own rules. A method
 * naming a qualifier is still decided by Spring on each call (and cached by qualifier there).
 */
class TransactionManagerPerClass extends TransactionInterceptor {

    private final Map<Class<?>, Optional<TransactionManager>> byClass = new ConcurrentHashMap<>();

    /** Spring's interceptor has no transaction manager of its own here (no {@code TransactionManagementConfigurer}). */
    TransactionManagerPerClass(TransactionAttributeSource attributes) {
        setTransactionAttributeSource(attributes);
    }

    @Override
    protected @Nullable TransactionManager determineTransactionManager(@Nullable TransactionAttribute attribute,
                                                                       @Nullable Class<?> targetClass) {
        if (attribute == null || targetClass == null || StringUtils.hasText(attribute.getQualifier())) {
            return super.determineTransactionManager(attribute, targetClass);
        }
        return byClass.computeIfAbsent(targetClass,
                type -> Optional.ofNullable(super.determineTransactionManager(attribute, type))).orElse(null);
    }
}
