package dev.bazaar.platform.db;

import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/**
 * How transactions are run: outside a real transaction, every statement takes a connection from the pool and gives it
 * back at once. (Spring's default would keep the first connection for the whole method of a {@code NOT_SUPPORTED}
 * listener, so a listener calling the Payment System over HTTP would hold a connection the Payment System itself may
 * need.)
 */
@Configuration(proxyBeanMethods = false)
class TransactionSettings {

    @Bean
    TransactionManagerCustomizer<AbstractPlatformTransactionManager> synchronizeOnlyRealTransactions() {
        return manager -> manager.setTransactionSynchronization(AbstractPlatformTransactionManager.SYNCHRONIZATION_ON_ACTUAL_TRANSACTION);
    }
}
