package dev.bazaar.platform.db;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionInterceptor;

import java.lang.reflect.Method;

import static org.assertj.core.api.Assertions.assertThat;

/** The interceptor that remembers a class's transaction manager picks the one Spring's own picks, every time. */
class TransactionManagerPerClassTests {

    static class Plain {
        @Transactional
        void work() {
        }

        @Transactional(transactionManager = "second")
        void workWithTheSecond() {
        }
    }

    @Qualifier("second")
    static class QualifiedAtTypeLevel {
        @Transactional
        void work() {
        }
    }

    @Qualifier("absent")
    static class QualifiedWithAnUnknownName {
        @Transactional
        void work() {
        }
    }

    private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    private final TransactionManager first = new DataSourceTransactionManager(new SimpleDriverDataSource());
    private final TransactionManager second = new DataSourceTransactionManager(new SimpleDriverDataSource());
    /** Spring's own interceptor, with its choice in reach of the test. */
    static class SpringsInterceptor extends TransactionInterceptor {
        TransactionManager choice(TransactionAttribute attribute, Class<?> type) {
            return determineTransactionManager(attribute, type);
        }
    }

    private final SpringsInterceptor spring = new SpringsInterceptor();
    private final TransactionManagerPerClass remembering;

    TransactionManagerPerClassTests() {
        register("first", first, true);
        register("second", second, false);
        spring.setTransactionAttributeSource(new AnnotationTransactionAttributeSource(false));
        spring.setBeanFactory(beans);
        remembering = new TransactionManagerPerClass(spring.getTransactionAttributeSource());
        remembering.setBeanFactory(beans);
    }

    @Test
    void aClassWithoutQualifierGetsThePrimaryManagerAsWithSpringsInterceptor() throws Exception {
        assertSameChoice(Plain.class, "work", first);
    }

    @Test
    void aTypeLevelQualifierStillChoosesItsManagerOnEveryCall() throws Exception {
        assertSameChoice(QualifiedAtTypeLevel.class, "work", second);
    }

    @Test
    void anUnknownTypeLevelQualifierFallsBackToThePrimaryManager() throws Exception {
        assertSameChoice(QualifiedWithAnUnknownName.class, "work", first);
    }

    @Test
    void aMethodNamingItsManagerIsStillDecidedBySpring() throws Exception {
        assertSameChoice(Plain.class, "workWithTheSecond", second);
    }

    private void assertSameChoice(Class<?> type, String methodName, TransactionManager expected) throws Exception {
        Method method = type.getDeclaredMethod(methodName);
        var attribute = spring.getTransactionAttributeSource().getTransactionAttribute(method, type);
        for (int call = 0; call < 3; call++) {
            assertThat(remembering.determineTransactionManager(attribute, type)).isSameAs(expected)
                    .isSameAs(spring.choice(attribute, type));
        }
    }

    private void register(String name, TransactionManager manager, boolean primary) {
        var definition = new RootBeanDefinition(DataSourceTransactionManager.class, () -> (DataSourceTransactionManager) manager);
        definition.setPrimary(primary);
        beans.registerBeanDefinition(name, definition);
    }
}
