package dev.bazaar.platform.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The socket the driver gets for the embedded server: a real Unix-domain socket, with a server that may stay silent. */
class UnixDomainSocketFactoryTests {

    Path folder;
    Path path;
    ServerSocketChannel server;

    @BeforeEach
    void listen() throws IOException {
        folder = Files.createTempDirectory("uds");
        path = folder.resolve("s");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
        Files.deleteIfExists(folder);
    }

    @Test
    void aReadFromASilentServerTimesOutOnceSoTimeoutIsSetAndTheSocketIsClosed() throws IOException {
        try (var socket = new UnixDomainSocketFactory(path.toString()).createSocket();
             SocketChannel silent = server.accept()) {
            socket.setSoTimeout(200);
            assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> socket.getInputStream().read());
            assertThat(socket.isClosed()).isTrue();
        }
    }

    @Test
    void readsWithATimeoutStillGetWhatTheServerSends() throws IOException {
        try (var socket = new UnixDomainSocketFactory(path.toString()).createSocket();
             SocketChannel peer = server.accept()) {
            socket.setSoTimeout(10_000);
            peer.write(ByteBuffer.wrap(new byte[]{42, 43}));
            byte[] buffer = new byte[2];
            assertThat(socket.getInputStream().read(buffer, 0, 2)).isPositive();
            assertThat(buffer[0]).isEqualTo((byte) 42);
            socket.setSoTimeout(0);
            peer.write(ByteBuffer.wrap(new byte[]{44}));
            assertThat(socket.getInputStream().read()).isIn(43, 44);
            assertThat(socket.isClosed()).isFalse();
        }
    }
}
