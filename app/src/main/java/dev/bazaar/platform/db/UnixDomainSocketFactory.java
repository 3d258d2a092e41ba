package dev.bazaar.platform.db;

import javax.net.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Lets the PostgreSQL JDBC driver reach the embedded server over its Unix-domain socket rather than loopback TCP.
 * <p>
 * Every statement is a round trip, and on these machines a loopback TCP round trip costs PostgreSQL and the JVM
 * noticeably more kernel time than a Unix-domain one (pgbench's checkout transaction: about a fifth more
 * transactions per second over the socket). The JDK has had Unix-domain {@link SocketChannel}s since 16, blocking
 * reads on them park a virtual thread instead of pinning its carrier, but the driver wants a {@link Socket}: this
 * is the thin adaptor between the two. The driver names it in the JDBC URL ({@code socketFactory}) and hands it the
 * socket's path ({@code socketFactoryArg}).
 * <p>
 * TCP options are meaningless here and ignored; so is {@code SO_TIMEOUT}, which the driver sets only for socket
 * and login timeouts (none are configured for the embedded server) and for polling notifications (not used).
 */
public final class UnixDomainSocketFactory extends SocketFactory {

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
        private int soTimeout;

        ChannelSocket(Path path) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(path));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            // JDK 19+: these streams read and write the channel without a shared lock, as a socket's own do
            in = Channels.newInputStream(channel);
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
        public synchronized void setSoTimeout(int timeout) {
            soTimeout = timeout;
        }

        @Override
        public synchronized int getSoTimeout() {
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
    }
}
