package dev.hookline.core.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.embedded.core.ExecutableProvider;

/**
 * {@code redis-server} processes on loopback, from the binary the embedded-redis artifact carries (so the tests need
 * nothing but the JDK), each with a directory of its own under one temporary directory. Every process dies with
 * {@link #close()}, or with the JVM if a test never gets there.
 */
final class RedisProcesses implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisProcesses.class);
    static final String HOST = "127.0.0.1";

    private final Path dir;
    private final File binary;
    private final Map<Integer, Process> processes = new LinkedHashMap<>();
    private final Thread killer = new Thread(this::killAll, "test-redis-processes-stop");

    RedisProcesses() {
        try {
            this.dir = Files.createTempDirectory("hookline-redis");
            this.binary = ExecutableProvider.newJarResourceProvider().get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * Starts {@code redis-server} on {@code port} with these settings ({@code --name value} pairs, or a config file
     * name first), in the process's own directory, and waits until it answers PING.
     */
    void start(int port, List<String> settings) {
        try {
            Path nodeDir = Files.createDirectories(dir(port));
            List<String> command = new ArrayList<>();
            command.add(binary.getAbsolutePath());
            command.addAll(settings);
            command.addAll(List.of(
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    HOST,
                    "--protected-mode",
                    "no",
                    "--daemonize",
                    "no",
                    "--dir",
                    nodeDir.toString()));
            Process process = new ProcessBuilder(command)
                    .directory(nodeDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(nodeDir.resolve("redis.log").toFile())
                    .start();
            synchronized (processes) {
                processes.put(port, process);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitUntil(Duration.ofSeconds(30), "redis-server on " + port, () -> {
            try (Jedis node = new Jedis(HOST, port, 1_000)) {
                return "PONG".equals(node.ping());
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** The directory of the process on {@code port}: its data, its log ({@code redis.log}). */
    Path dir(int port) {
        return dir.resolve(Integer.toString(port));
    }

    /** Kills a process with SIGKILL: no shutdown, no last save, its connections reset. */
    void kill(int port) {
        Process process;
        synchronized (processes) {
            process = processes.get(port);
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ports of the processes still running, in the order they were started. */
    List<Integer> livePorts() {
        synchronized (processes) {
            return processes.entrySet().stream()
                    .filter(e -> e.getValue().isAlive())
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }

    /** A free loopback port; with {@code busToo}, the port 10000 above it (a cluster node's bus) is free as well. */
    int freePort(boolean busToo) {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(25000);
            synchronized (processes) {
                if (processes.containsKey(port)
                        || processes.containsKey(port + 10000)
                        || processes.containsKey(port - 10000)) {
                    continue;
                }
            }
            if (free(port) && (!busToo || free(port + 10000))) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port found");
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook already
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", dir, e.toString());
        }
    }

    private void killAll() {
        List<Process> all;
        synchronized (processes) {
            all = List.copyOf(processes.values());
        }
        all.forEach(Process::destroyForcibly);
        for (Process p : all) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void awaitUntil(Duration timeout, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (done.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("timed out waiting for " + what, last);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
