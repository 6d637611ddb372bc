package dev.hookline.core.testing;

import static org.awaitility.Awaitility.await;

import dev.hookline.core.db.DatabaseUrl;
import dev.hookline.core.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL primary of a test's own and a hot standby streaming from it, both on loopback, the standby
 * on a port that stays the same so it can be stopped and started again. Never the machine's shared server.
 *
 * <p>The standby is made as {@code pg_basebackup -R} makes one, with what the embedded binaries bundle has
 * ({@code initdb}, {@code pg_ctl} and {@code postgres}, no {@code pg_basebackup}) and the JDK: a physical replication
 * slot, so the primary keeps the WAL the standby needs; the low-level base backup ({@code pg_backup_start}, a copy of
 * the data directory without what the documentation says to leave out, {@code pg_backup_stop}'s backup label); then
 * {@code standby.signal} and {@code primary_conninfo}. The standby replays the backup's WAL from the primary and
 * streams from then on.
 */
public final class ReplicatedPostgres implements AutoCloseable {
    private static final String SLOT = "hookline_replica";
    /** What a base backup leaves out or empties (PostgreSQL's "Making a Base Backup Using the Low Level API"). */
    private static final Set<String> LEFT_OUT = Set.of(
            "postmaster.pid", "postmaster.opts", "backup_label", "backup_manifest", "tablespace_map", "epg-lock");

    private static final Set<String> EMPTIED = Set.of(
            "pg_wal",
            "pg_replslot",
            "pg_dynshmem",
            "pg_notify",
            "pg_serial",
            "pg_snapshots",
            "pg_stat_tmp",
            "pg_subtrans");

    private final Path root;
    private final EmbeddedPostgresServer primary;
    private final Path replicaDirectory;
    private final int replicaPort;
    private EmbeddedPostgresServer replica;

    private ReplicatedPostgres(Path root, EmbeddedPostgresServer primary, Path replicaDirectory, int replicaPort) {
        this.root = root;
        this.primary = primary;
        this.replicaDirectory = replicaDirectory;
        this.replicaPort = replicaPort;
    }

    /** Starts the primary, makes the standby from a base backup of it, starts the standby. */
    public static ReplicatedPostgres start() {
        Path root;
        try {
            root = Files.createTempDirectory("hookline-replicated-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path primaryDirectory = root.resolve("primary");
        EmbeddedPostgresServer primary = EmbeddedPostgresServer.start(primaryDirectory);
        ReplicatedPostgres pg =
                new ReplicatedPostgres(root, primary, root.resolve("replica"), CrashablePostgres.fixedPort());
        try {
            pg.baseBackup(primaryDirectory);
            pg.startReplica();
            return pg;
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    private void baseBackup(Path primaryDirectory) {
        try (Connection c = connect(primary.port());
                Statement st = c.createStatement()) {
            st.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            st.execute("SELECT pg_backup_start('hookline test replica', true)");
            copy(primaryDirectory, replicaDirectory);
            try (ResultSet rs = st.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(replicaDirectory.resolve("backup_label"), rs.getString(1));
                String tablespaces = rs.getString(2);
                if (tablespaces != null && !tablespaces.isEmpty()) {
                    Files.writeString(replicaDirectory.resolve("tablespace_map"), tablespaces);
                }
            }
            Files.createFile(replicaDirectory.resolve("standby.signal"));
            Files.writeString(
                    replicaDirectory.resolve("postgresql.auto.conf"),
                    "\nprimary_conninfo = 'host=127.0.0.1 port=" + primary.port()
                            + " user=postgres application_name=" + SLOT + "'\n"
                            + "primary_slot_name = '" + SLOT + "'\n",
                    StandardOpenOption.APPEND);
        } catch (SQLException e) {
            throw new IllegalStateException("base backup failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a live data directory; files that vanish while it runs (temporary ones) are skipped. */
    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                if (!dir.equals(from) && EMPTIED.contains(from.relativize(dir).toString())) {
                    if (dir.getFileName().toString().equals("pg_wal")) {
                        Files.createDirectories(target.resolve("archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if ((file.getParent().equals(from) && LEFT_OUT.contains(name))
                        || name.startsWith("pgsql_tmp")
                        || name.equals("pg_internal.init")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException e) {
                    // removed since the walk listed it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** The primary's maintenance database, for {@link TestEnvironment#on}. */
    public DatabaseUrl adminDatabase() {
        return DatabaseUrl.parse(primary.jdbcUrl("postgres"));
    }

    /** The same JDBC URL of the primary with the standby's port instead. */
    public String onReplica(String primaryJdbcUrl) {
        return primaryJdbcUrl.replace("127.0.0.1:" + primary.port() + "/", "127.0.0.1:" + replicaPort + "/");
    }

    /** Stops the standby (a fast shutdown: its connections are cut). */
    public void stopReplica() {
        replica.close();
        replica = null;
    }

    /** Starts the standby on its data directory and port; it streams again from where it stopped. */
    public void startReplica() {
        await("port " + replicaPort + " free")
                .atMost(Duration.ofSeconds(30))
                .until(() -> CrashablePostgres.portFree(replicaPort));
        replica = EmbeddedPostgresServer.start(replicaDirectory, replicaPort);
        awaitCaughtUp();
    }

    /** Stops applying the primary's changes (they keep arriving): the standby lags from now on. */
    public void pauseReplay() {
        replicaSql("SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        replicaSql("SELECT pg_wal_replay_resume()");
    }

    /** Waits until the standby has applied everything the primary had written when this was called. */
    public void awaitCaughtUp() {
        String target;
        try (Connection c = connect(primary.port());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()")) {
            rs.next();
            target = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        await("the standby to replay up to " + target)
                .atMost(Duration.ofSeconds(60))
                .until(() -> {
                    try (Connection c = connect(replicaPort);
                            Statement st = c.createStatement();
                            ResultSet rs =
                                    st.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn")) {
                        return rs.next() && rs.getBoolean(1);
                    }
                });
    }

    private void replicaSql(String sql) {
        try (Connection c = connect(replicaPort);
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
    }

    @Override
    public void close() {
        if (replica != null) {
            replica.close();
            replica = null;
        }
        primary.close();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
