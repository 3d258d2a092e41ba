package dev.bazaar.platform.db;

import javax.net.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets the PostgreSQL JDBC driver reach the embedded server over its Unix-domain socket rather than loopback TCP.
 * <p>
 * Every statement is a round trip, and on these machines a loopback TCP round trip costs PostgreSQL and the JVM
 * noticeably more kernel time than a Unix-domain one (docs/performance-history.md, "Figures behind the code"). The JDK has had Unix-domain {@link SocketChannel}s since 16, blocking
 * reads on them park a virtual thread instead of pinning its carrier, but the driver wants a {@link Socket}: this
 * is the thin adaptor between the two. The driver names it in the JDBC URL ({@code socketFactory}) and hands it the
 * socket's path ({@code socketFactoryArg}).
 * <p>
 * TCP options are meaningless here and ignored. {@code SO_TIMEOUT} is honoured: the pool sets it (as the driver's
 * network timeout) while it checks that an idle connection is alive, and a read that waits longer closes the socket and
 * fails with {@link SocketTimeoutException}, as the driver's own sockets do (it gives the connection up then). A
 * channel has no timed read, so a watchdog closes it; reads without a timeout, the usual case, pay nothing for it.
 */
public final class UnixDomainSocketFactory extends SocketFactory {

    /** Closes the sockets whose timed reads wait too long. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("unix-socket-read-timeouts").factory());

    private final Path path;

    /** Called by the driver with the value of {@code socketFactoryArg}. */
    public UnixDomainSocketFactory(String path) {
        this.path = Path.of(path);
    }

    @Override
    public Socket createSocket() throws IOException {
        return new ChannelSocket(path);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket();
    }

    /** A connected {@link Socket} face on a Unix-domain {@link SocketChannel}. */
    private static final class ChannelSocket extends Socket {

        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;
        private volatile int soTimeout;

        ChannelSocket(Path path) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(path));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            // JDK 19+: these streams read and write the channel without a shared lock, as a socket's own do
            in = new TimedInput(Channels.newInputStream(channel));
            out = Channels.newOutputStream(channel);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) {
            // connected on creation: the driver asks only when isConnected() says no
        }

        @Override
        public InputStream getInputStream() throws IOException {
            requireOpen();
            return in;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            requireOpen();
            return out;
        }

        @Override
        public boolean isConnected() {
            return channel.isConnected();
        }

        @Override
        public boolean isClosed() {
            return !channel.isOpen();
        }

        @Override
        public synchronized void close() throws IOException {
            channel.close();
        }

        @Override
        public void shutdownInput() throws IOException {
            channel.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            channel.shutdownOutput();
        }

        @Override
        public void setTcpNoDelay(boolean on) {
        }

        @Override
        public boolean getTcpNoDelay() {
            return true;
        }

        @Override
        public void setKeepAlive(boolean on) {
        }

        @Override
        public boolean getKeepAlive() {
            return false;
        }

        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            if (timeout < 0) {
                throw new IllegalArgumentException("timeout must not be negative: " + timeout);
            }
            requireOpen();
            soTimeout = timeout;
        }

        @Override
        public int getSoTimeout() {
            return soTimeout;
        }

        @Override
        public synchronized void setSendBufferSize(int size) {
        }

        @Override
        public synchronized int getSendBufferSize() {
            return 8192;
        }

        @Override
        public synchronized void setReceiveBufferSize(int size) {
        }

        @Override
        public synchronized int getReceiveBufferSize() {
            return 8192;
        }

        private void requireOpen() throws SocketException {
            if (!channel.isOpen()) {
                throw new SocketException("Socket is closed");
            }
        }

        @Override
        public String toString() {
            return "ChannelSocket[" + channel + "]";
        }

        /** Reads that wait at most {@code SO_TIMEOUT} when one is set. */
        private final class TimedInput extends InputStream {

            private final InputStream channelInput;

            TimedInput(InputStream channelInput) {
                this.channelInput = channelInput;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int timeout = soTimeout;
                if (timeout == 0) {
                    return channelInput.read(buffer, offset, length);
                }
                var reading = new AtomicBoolean(true);
                var expired = new AtomicBoolean();
                var alarm = WATCHDOG.schedule(() -> {
                    if (reading.compareAndSet(true, false)) {
                        expired.set(true);
                        closeQuietly();
                    }
                }, timeout, TimeUnit.MILLISECONDS);
                try {
                    int read = channelInput.read(buffer, offset, length);
                    if (reading.compareAndSet(true, false)) {
                        return read;
                    }
                } catch (IOException e) {
                    if (!expired.get()) {
                        throw e;
                    }
                } finally {
                    alarm.cancel(false);
                }
                // the watchdog won the race: the socket is closed, whatever the read brought
                throw new SocketTimeoutException("Read timed out after " + timeout + " ms");
            }

            @Override
            public int available() throws IOException {
                return channelInput.available();
            }

            @Override
            public void close() throws IOException {
                ChannelSocket.this.close();
            }
        }

        private void closeQuietly() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all the watchdog can do; the read that waits fails either way
            }
        }
    }
}
