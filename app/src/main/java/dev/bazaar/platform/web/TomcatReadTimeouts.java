package dev.bazaar.platform.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;

/**
 * How long Tomcat waits for the next bytes of a request body ({@code bazaar.web.body-idle-timeout}, 5 s): by default
 * it waits as long as for a new request on an idle connection. A body that stalls longer fails to read, and the
 * request is answered {@code 408} ({@link RequestBulkhead}); a body that keeps trickling in is cut by that filter's
 * deadline for the whole body. The wait for a request's first line and headers is {@code server.tomcat.connection-timeout}.
 * <p>
 * A request whose body the shop gave up on ({@link #abandonBody}) has its connection closed after the answer. Tomcat
 * would otherwise read the rest of the body before it closes (even after a {@code 408} with {@code Connection: close}),
 * as slowly as the client sends it: the connection of a client dripping a byte every two seconds stayed open.
 */
@Component
class TomcatReadTimeouts implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final String ABANDONED = TomcatReadTimeouts.class.getName() + ".abandoned";

    private final Duration bodyIdleTimeout;

    TomcatReadTimeouts(@Value("${bazaar.web.body-idle-timeout:5s}") Duration bodyIdleTimeout) {
        this.bodyIdleTimeout = bodyIdleTimeout;
    }

    /** Closes the request's connection once it is answered, without reading what is left of its body. */
    static void abandonBody(HttpServletRequest request) {
        request.setAttribute(ABANDONED, Boolean.TRUE);
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setDisableUploadTimeout(false);
                http.setConnectionUploadTimeout(Math.toIntExact(bodyIdleTimeout.toMillis()));
            }
        });
        factory.addContextValves(new AbandonedBodies());
    }

    /** What Tomcat does itself for an upload it refused: no more reading of the body, and the connection closed. */
    private static final class AbandonedBodies extends ValveBase {

        AbandonedBodies() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            getNext().invoke(request, response);
            if (request.getAttribute(ABANDONED) != null) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
