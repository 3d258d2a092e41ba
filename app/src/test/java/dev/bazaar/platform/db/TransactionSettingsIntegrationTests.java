package dev.bazaar.platform.db;

import dev.bazaar.BazaarIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.interceptor.BeanFactoryTransactionAttributeSourceAdvisor;

import static org.assertj.core.api.Assertions.assertThat;

@BazaarIntegrationTest
class TransactionSettingsIntegrationTests {

    @Autowired
    BeanFactoryTransactionAttributeSourceAdvisor transactionAdvisor;

    @Test
    void transactionalMethodsRunThroughTheInterceptorThatRemembersEachClasssManager() {
        assertThat(transactionAdvisor.getAdvice()).isInstanceOf(TransactionManagerPerClass.class);
    }
}
