package dev.hookline.core.testing;

import static org.awaitility.Awaitility.await;

import dev.hookline.core.db.DatabaseUrl;
import dev.hookline.core.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL of a test's own that the test can kill with SIGKILL and start again, on a data directory
 * and a port that stay the same, so its clients find it where it was and it recovers from its write-ahead log.
 * Never the machine's shared server.
 *
 * <pre>{@code
 * @AutoClose static final CrashablePostgres postgres = CrashablePostgres.start();
 * ...
 * postgres.kill();          // every process of the server, at once
 * postgres.startAgain();    // back once recovery is done and it answers queries
 * }</pre>
 */
public final class CrashablePostgres implements AutoCloseable {
    private static final Duration PROCESSES_GONE = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgresServer server;

    private CrashablePostgres(Path dataDirectory, int port, EmbeddedPostgresServer server) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.server = server;
    }

    /** A fresh server in a temporary data directory, on a free port outside the ephemeral range. */
    public static CrashablePostgres start() {
        try {
            Path dataDirectory = Files.createTempDirectory("hookline-crashable-pg");
            int port = fixedPort();
            return new CrashablePostgres(dataDirectory, port, EmbeddedPostgresServer.start(dataDirectory, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its maintenance database, for {@link TestEnvironment#on}. */
    public DatabaseUrl adminDatabase() {
        return DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
    }

    public int port() {
        return port;
    }

    /**
     * Kills the postmaster and every process it started with SIGKILL, as an OOM kill of the server's container
     * would: no backend finishes what it was doing, and what the server had not written to its WAL files (the
     * shared WAL buffers) is lost, while what it wrote is kept by the operating system. The postmaster is stopped
     * (SIGSTOP) first, so it starts no process between the listing of its children and the kill, and is killed
     * last, so no backend sees it die and ends on its own. Returns once every one of them is gone, which is what
     * PostgreSQL checks before it starts on the data directory again.
     *
     * @return how many processes the server had
     */
    public int kill() {
        List<String> lockFile = lockFile();
        long pid = Long.parseLong(lockFile.get(0).trim());
        ProcessHandle postmaster =
                ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid));
        signal("STOP", pid);
        List<ProcessHandle> processes =
                Stream.concat(postmaster.descendants(), Stream.of(postmaster)).toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        await("the killed server's processes gone")
                .atMost(PROCESSES_GONE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> processes.stream().allMatch(CrashablePostgres::gone));
        // pg_ctl, which started the postmaster, has exited, so init reaps it; until it does (here within about 2 s,
        // in some containers never), the zombie's pid in the lock files of the data directory and of the Unix socket
        // makes PostgreSQL refuse to start. Every process of the server is gone, so both are stale: remove them, as
        // an operator would; PostgreSQL writes new ones at start.
        delete(dataDirectory.resolve("postmaster.pid"));
        delete(Path.of(lockFile.get(4).trim(), ".s.PGSQL." + port + ".lock"));
        server.close(); // releases the data directory's lock; pg_ctl's "stop" finds no server and says so
        server = null;
        return processes.size();
    }

    /**
     * Starts the server again on the same data directory and port, once the port is free; returns when it answers
     * queries, which it does only after crash recovery has replayed the WAL.
     */
    public void startAgain() {
        await("port " + port + " free").atMost(PROCESSES_GONE).until(() -> portFree(port));
        server = EmbeddedPostgresServer.start(dataDirectory, port);
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** {@code postmaster.pid}: the pid, the data directory, start time, port, socket directory, … one a line. */
    private List<String> lockFile() {
        try {
            return Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException("no running server in " + dataDirectory, e);
        }
    }

    /** Exited, or exited and not yet reaped (a zombie, which {@link ProcessHandle#isAlive} counts as alive). */
    private static boolean gone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free port below the ephemeral range: a port from that range, free while the server is down, can be taken
     * as the local port of any outgoing connection on the machine, and then the restart could not bind it.
     */
    static int fixedPort() {
        for (int i = 0; i < 100; i++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (portFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in 20000-31999");
    }

    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as PostgreSQL binds: connections in TIME_WAIT do not block it
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
