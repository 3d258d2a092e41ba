package dev.bazaar.platform.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A request whose body has been read in full, so that whoever handles it reads from memory and never waits for the
 * client. The body is read with a deadline for the whole of it: Tomcat bounds only the pause between two packets,
 * and a client that sends one byte every few seconds never pauses long enough.
 */
final class BufferedBody extends HttpServletRequestWrapper {

    /** The body did not arrive in full before its deadline. */
    static final class TooSlow extends IOException {
        TooSlow() {
            super("the request body did not arrive in time");
        }
    }

    private final byte[] body;
    private final int length;

    private BufferedBody(HttpServletRequest request, byte[] body, int length) {
        super(request);
        this.body = body;
        this.length = length;
    }

    /** Whether the request has a body to read: a declared length above zero, or chunks. */
    static boolean present(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        return declared > 0 || declared < 0 && request.getHeader("Transfer-Encoding") != null;
    }

    /**
     * Reads the whole body, giving up once {@code deadlineNanos} (of {@link System#nanoTime()}) has passed. The body's
     * size is bounded before this runs (RequestBodyLimit: by its declared length, or by counting its chunks).
     *
     * @throws TooSlow when the deadline passed first
     */
    static BufferedBody read(HttpServletRequest request, long deadlineNanos) throws IOException {
        long declared = request.getContentLengthLong();
        // a declared length gives the exact array (bodies are small JSON); chunks grow one from a small start
        byte[] buffer = new byte[declared > 0 ? Math.toIntExact(declared) : 1024];
        int length = 0;
        InputStream in = request.getInputStream();
        while (true) {
            if (length == buffer.length) {
                if (declared > 0) {
                    break;
                }
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new TooSlow();
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return new BufferedBody(request, buffer, length);
    }

    @Override
    public ServletInputStream getInputStream() {
        var in = new ByteArrayInputStream(body, 0, length);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public int available() {
                return in.available();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body has been read already");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
}
