package dev.bazaar.platform.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ListenerFailureLogTests {

    /** A listener as the outbox calls it; only its name is logged. */
    static class ProviderCalls {
        void on(Object event) {
        }
    }

    /**
     * The log line is the contract here: it is all an operator sees of a Payment System that is down, once per order
     * and delivery, so it must be one line that names the listener, the event and the cause, not a stack trace.
     */
    @Test
    void aFailureWorthRetryingIsOneWarningLineNamingTheListenerTheEventAndTheCause(CapturedOutput output) throws Exception {
        var failure = new IllegalStateException("the gateway gave up",
                new ResourceAccessException("I/O error", new SocketTimeoutException("Read timed out")));

        ListenerFailureLog.log(failure, ProviderCalls.class.getDeclaredMethod("on", Object.class), new Probe());

        assertThat(output.getOut()).contains("WARN")
                .contains("Listener ProviderCalls.on failed on Probe and is retried with its event later: "
                        + "java.lang.IllegalStateException: the gateway gave up <- ")
                .contains("Read timed out")
                .doesNotContain("\tat ");
    }

    record Probe() {
    }

    @Test
    void aPartyThatDidNotAnswerOrAnswered5xxOrABusyDatabaseIsWorthRetrying() {
        assertThat(ListenerFailureLog.isWorthRetrying(new IllegalStateException("the gateway gave up",
                new ResourceAccessException("I/O error", new SocketTimeoutException("Read timed out"))))).isTrue();
        assertThat(ListenerFailureLog.isWorthRetrying(new RuntimeException("the gateway gave up",
                HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable", null, null, null)))).isTrue();
        assertThat(ListenerFailureLog.isWorthRetrying(new QueryTimeoutException("canceling statement"))).isTrue();
    }

    @Test
    void aBugOrARefusalIsNot() {
        assertThat(ListenerFailureLog.isWorthRetrying(new IllegalStateException("a decision cannot leave it so"))).isFalse();
        assertThat(ListenerFailureLog.isWorthRetrying(new NullPointerException())).isFalse();
        assertThat(ListenerFailureLog.isWorthRetrying(new RuntimeException("refused",
                HttpClientErrorException.create(HttpStatus.BAD_REQUEST, "Bad Request", null, null, null)))).isFalse();
    }
}
