package dev.bazaar.platform.events;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.stereotype.Component;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Leaves out the outbox's {@code PROCESSING} mark. Spring Modulith 2.0.3 marks a publication processing before each
 * listener run, in a transaction of its own (one {@code UPDATE} and one commit per listener run, four per order: a
 * seventh of an order's statements and a fifth of its commits). Nothing here reads that mark: redelivery resubmits
 * every publication without a completion date, marked or not ({@link IncompletePublications}), and no staleness
 * monitor is configured. Measured under {@code steady}: 130–144 → 147–153 orders confirmed/s, PostgreSQL CPU per
 * order 7.5 → 6.4 ms. Every other call reaches Modulith's repository unchanged (default methods included, which is
 * why this is a proxy of the interface rather than a class that would have to repeat each of them). See ADR 0004.
 */
@Component
class NoProcessingMarks implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof EventPublicationRepository repository)) {
            return bean;
        }
        return Proxy.newProxyInstance(EventPublicationRepository.class.getClassLoader(),
                new Class<?>[] {EventPublicationRepository.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("markProcessing")) {
                        return null;
                    }
                    try {
                        return method.invoke(repository, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
