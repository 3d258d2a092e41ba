package dev.bazaar.platform.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import java.io.IOException;
import java.lang.reflect.Method;

/**
 * How an event listener that failed is logged. Its event publication stays incomplete and is delivered again
 * ({@link IncompletePublications}) after a back-off that grows with each failure, until it is parked for an admin, so
 * a listener that always fails is logged a bounded number of times. A failure that the next delivery may not meet
 * (another party did not answer or answered 5xx, the database refused for now) is a warning of one line: with the
 * Payment System down, each order used to log an error with some sixty lines of stack trace. Any other failure is an
 * error with its stack trace.
 */
@Configuration(proxyBeanMethods = false)
class ListenerFailureLog implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ListenerFailureLog.class);

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return ListenerFailureLog::log;
    }

    static void log(Throwable failure, Method listener, Object... arguments) {
        String name = listener.getDeclaringClass().getSimpleName() + "." + listener.getName();
        String event = arguments.length > 0 && arguments[0] != null ? arguments[0].getClass().getSimpleName() : "?";
        if (isWorthRetrying(failure)) {
            log.warn("Listener {} failed on {} and is retried with its event later: {}", name, event, summary(failure));
        } else {
            log.error("Listener {} failed on {}; its event is delivered again later", name, event, failure);
        }
    }

    /** Whether the failure, or one of its causes, is one that a later attempt may not meet. */
    static boolean isWorthRetrying(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof ResourceAccessException
                    || cause instanceof HttpServerErrorException || cause instanceof TransientDataAccessException) {
                return true;
            }
        }
        return false;
    }

    /** The failure and its causes on one line. */
    private static String summary(Throwable failure) {
        var line = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            line.append(" <- ").append(cause);
        }
        return line.toString();
    }
}
