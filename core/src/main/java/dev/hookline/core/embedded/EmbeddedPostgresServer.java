package dev.hookline.core.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the binaries in a Maven artifact: the zero-set-up path of {@code dev} mode and
 * the last fallback of the test fixture. It runs as root as well as a regular user, and with production's
 * durability settings ({@code synchronous_commit} and {@code fsync} on), so what dev mode and the tests see of a
 * commit is what a real server gives.
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
        return start(dataDirectory, 0);
    }

    /**
     * Starts a server on {@code port} of 127.0.0.1, or on a free one when it is 0. A server started again on its
     * data directory and port after a crash recovers from its write-ahead log and is back where its clients look.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        if (dataDirectory != null) {
            checkOwnedByUs(dataDirectory);
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    // The library's defaults turn both off; a commit here must be as durable as in production.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setPort(port);
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

    /**
     * PostgreSQL refuses a data directory that belongs to another user, with a message about the directory's
     * permissions; this says which directory and what to do instead.
     */
    private static void checkOwnedByUs(Path dataDirectory) {
        if (!Files.exists(dataDirectory)) {
            return;
        }
        try {
            String owner = Files.getOwner(dataDirectory).getName();
            String us = System.getProperty("user.name");
            if (!owner.equals(us)) {
                throw new IllegalStateException("embedded PostgreSQL's data directory " + dataDirectory
                        + " belongs to " + owner + ", not to " + us + ", who runs Hookline; run as " + owner
                        + ", choose another directory (HOOKLINE_DEV_HOME), or use a PostgreSQL server"
                        + " (HOOKLINE_DATABASE_URL)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the owner of " + dataDirectory, e);
        }
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
