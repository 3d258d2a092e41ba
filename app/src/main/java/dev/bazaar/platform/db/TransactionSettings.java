package dev.bazaar.platform.db;

import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.config.TransactionManagementConfigUtils;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/**
 * How transactions are run.
 * <ul>
 * <li>Outside a real transaction, every statement takes a connection from the pool and gives it back at once.
 * (Spring's default would keep the first connection for the whole method of a {@code NOT_SUPPORTED} listener, so a
 * listener calling the Payment System over HTTP would hold a connection the Payment System itself may need.)</li>
 * <li>{@code @Transactional} calls find their transaction manager once per class ({@link TransactionManagerPerClass}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class TransactionSettings {

    /** The name of Spring's interceptor bean, which {@code ProxyTransactionManagementConfiguration} defines. */
    static final String INTERCEPTOR = "transactionInterceptor";

    @Bean
    TransactionManagerCustomizer<AbstractPlatformTransactionManager> synchronizeOnlyRealTransactions() {
        return manager -> manager.setTransactionSynchronization(AbstractPlatformTransactionManager.SYNCHRONIZATION_ON_ACTUAL_TRANSACTION);
    }

    /**
     * Defines Spring's interceptor bean as {@link TransactionManagerPerClass}, with the same attribute source, before
     * any bean is made, so the transaction advisor is built with it. (A post-processor of the bean itself comes too
     * late: the advisor and its interceptor are made as soon as the auto-proxy creator first looks for advisors.)
     */
    @Bean
    static BeanDefinitionRegistryPostProcessor transactionManagerPerClass() {
        return registry -> {
            if (!registry.containsBeanDefinition(INTERCEPTOR)
                    || !registry.containsBeanDefinition(TransactionManagementConfigUtils.TRANSACTION_ADVISOR_BEAN_NAME)) {
                return;
            }
            var spring = registry.getBeanDefinition(INTERCEPTOR);
            var replacement = new RootBeanDefinition(TransactionManagerPerClass.class);
            replacement.setRole(spring.getRole());
            replacement.getConstructorArgumentValues().addIndexedArgumentValue(0, new RuntimeBeanReference(TransactionAttributeSource.class));
            registry.removeBeanDefinition(INTERCEPTOR);
            registry.registerBeanDefinition(INTERCEPTOR, replacement);
        };
    }
}
