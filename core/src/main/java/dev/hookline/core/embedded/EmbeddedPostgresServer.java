package dev.hookline.core.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the binaries in a Maven artifact: the zero-set-up path of {@code dev} mode and
 * the last fallback of the test fixture. PostgreSQL refuses to run as root, so callers check
 * {@link #runningAsRoot()} first and explain the alternative.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param dataDirectory kept between runs when given; a throw-away directory when null
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        if (runningAsRoot()) {
            throw new IllegalStateException("embedded PostgreSQL cannot run as root (PostgreSQL refuses to); "
                    + "run as a regular user, or point Hookline at a PostgreSQL server with HOOKLINE_DATABASE_URL");
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            LOG.info("embedded PostgreSQL listening on 127.0.0.1:{}", pg.getPort());
            return new EmbeddedPostgresServer(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public int port() {
        return postgres.getPort();
    }

    /** A JDBC URL of {@code database} for the {@code postgres} superuser (trust authentication on loopback). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
