package dev.bazaar.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses request bodies over the limit (1 MiB) with 413 before anything reads them: by their Content-Length when
 * they declare one, and by counting bytes when they are chunked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {

    private final long limit;
    private final ProblemWriter problems;

    RequestBodyLimit(@Value("${bazaar.max-request-body:1MB}") org.springframework.util.unit.DataSize limit, ProblemWriter problems) {
        this.limit = limit.toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    "The request body is larger than " + limit + " bytes.");
            return;
        }
        // Tomcat reads no more than a declared length, so only a body of unknown length needs counting; wrapping every
        // request (every browse GET) cost each later getMethod and getHeader one more hop
        chain.doFilter(mayHaveBodyOfUnknownLength(request) ? new Limited(request, limit) : request, response);
    }

    private static boolean mayHaveBodyOfUnknownLength(HttpServletRequest request) {
        if (request.getContentLengthLong() >= 0) {
            return false;
        }
        // a GET or HEAD without chunks has no body; any other method (or HTTP/2, which has no Transfer-Encoding) may
        boolean bodiless = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        return !bodiless || request.getHeader("Transfer-Encoding") != null;
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws PayloadTooLarge {
                    read += n;
                    if (read > limit) {
                        throw new PayloadTooLarge(limit);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
