package dev.bazaar.platform.payments;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.util.Objects;

/**
 * Decides the {@link PaymentSystem} before any other bean is made (a bean factory post-processor runs before the
 * embedded database starts), so a shop that would take orders through the sandbox by accident refuses to start at
 * once, with {@link PaymentSystemFailureAnalyzer}'s one line instead of a stack trace; and registers it for the
 * modules that ask.
 */
@Component
class PaymentSystemGuard implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(PaymentSystemGuard.class);

    private @Nullable Environment env;

    @Override
    public void setEnvironment(Environment environment) {
        this.env = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Environment env = Objects.requireNonNull(this.env);
        var system = PaymentSystem.from(env);
        switch (system.mode()) {
            case SANDBOX -> {
                if (PaymentSystem.demoOrTest(env)) {
                    break;
                }
                if (StringUtils.hasText(env.getProperty(PaymentSystem.MODE))) {
                    log.warn("The sandbox Payment System runs on purpose (BAZAAR_PSP=sandbox): it approves every test card and takes no money.");
                } else {
                    log.warn("The sandbox Payment System approves every test card and takes no money: fine for a trial on the "
                            + "embedded database; for real orders set BAZAAR_PSP=external (on an external database the choice is required).");
                }
            }
            case EXTERNAL -> log.info("Payments go to the Payment System at {}", env.getProperty(PaymentSystem.URL));
            case OFF -> log.warn("No Payment System (BAZAAR_PSP=off): checkout and payment retries answer 503.");
        }
        beanFactory.registerSingleton("paymentSystem", system);
    }
}
