package dev.hookline.core.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/** A Redis server run from the binary inside the embedded-redis artifact, for {@code dev} mode and tests. */
public final class EmbeddedRedisServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisServer.class);
    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param dataDirectory where the append-only file is kept between runs; nothing is persisted when null
     */
    public static EmbeddedRedisServer start(Path dataDirectory) {
        int port = freePort();
        try {
            var builder = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("daemonize no")
                    .setting("protected-mode yes")
                    // The owner stops it, after whatever still writes to it; no JVM hook racing that.
                    .onShutdownForceStop(false);
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setting("dir " + dataDirectory.toAbsolutePath())
                        .setting("appendonly yes")
                        .setting("save 60 1");
            } else {
                builder.setting("appendonly no").setting("save \"\"");
            }
            RedisServer server = builder.build();
            server.start();
            LOG.info("embedded Redis listening on 127.0.0.1:{}", port);
            return new EmbeddedRedisServer(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Redis", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the server process but keeps its port, so {@link #startAgain()} can bring it back where it was. */
    public void stopForNow() {
        close();
    }

    /**
     * Starts the server process again on the same port; started without a data directory it comes back empty,
     * which is what a Redis restart without persistence looks like to its clients.
     */
    public void startAgain() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart embedded Redis on port " + port, e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            LOG.warn("embedded Redis did not stop cleanly", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
