package dev.bazaar.platform.events;

import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerFailureLogTests {

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
