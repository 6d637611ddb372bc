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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis Cluster on loopback: a {@code redis-server} process per node, from the binary the embedded-redis
 * artifact carries (so it needs nothing but the JDK), cluster-enabled, its slots split evenly over the masters as
 * {@code redis-cli --cluster create} does, one replica per master. Built from Java with {@code CLUSTER ADDSLOTS},
 * {@code CLUSTER MEET} and {@code CLUSTER REPLICATE}. Every process dies with {@link #close()}, or with the JVM.
 *
 * <pre>{@code
 * @AutoClose static final TestRedisCluster cluster = TestRedisCluster.start(3, Duration.ofSeconds(1));
 * }</pre>
 */
public final class TestRedisCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TestRedisCluster.class);
    private static final String HOST = "127.0.0.1";
    private static final int SLOTS = 16384;

    private final Path dir;
    private final Map<Integer, Process> processes = new LinkedHashMap<>();
    private final Thread killer = new Thread(this::killAll, "test-redis-cluster-stop");

    private TestRedisCluster(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts {@code masters} masters and as many replicas and waits until the cluster is healthy.
     *
     * @param nodeTimeout {@code cluster-node-timeout}: how long a master may be silent before its replica takes
     *     over (the promotion follows within about as long again)
     */
    public static TestRedisCluster start(int masters, Duration nodeTimeout) {
        TestRedisCluster cluster;
        try {
            cluster = new TestRedisCluster(Files.createTempDirectory("hookline-redis-cluster"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(cluster.killer);
        try {
            File binary = ExecutableProvider.newJarResourceProvider().get();
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < masters * 2; i++) {
                int port = cluster.freePort();
                cluster.startNode(binary, port, nodeTimeout);
                ports.add(port);
            }
            for (int port : ports) {
                awaitPing(port);
            }
            cluster.form(ports.subList(0, masters), ports.subList(masters, ports.size()));
            cluster.awaitHealthy(Duration.ofSeconds(60));
            LOG.info("Redis Cluster on 127.0.0.1 ports {}: masters {}", ports, cluster.masterPorts());
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    private void startNode(File binary, int port, Duration nodeTimeout) throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
        List<String> command = List.of(
                binary.getAbsolutePath(),
                "--port",
                Integer.toString(port),
                "--bind",
                HOST,
                "--protected-mode",
                "no",
                "--daemonize",
                "no",
                "--dir",
                nodeDir.toString(),
                "--appendonly",
                "no",
                "--save",
                "",
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                "nodes.conf",
                "--cluster-node-timeout",
                Long.toString(nodeTimeout.toMillis()),
                // a replica takes over however long since it last heard from its master
                "--cluster-replica-validity-factor",
                "0",
                "--repl-diskless-sync",
                "yes",
                "--repl-diskless-sync-delay",
                "0");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(nodeDir.resolve("redis.log").toFile())
                .start();
        synchronized (processes) {
            processes.put(port, process);
        }
    }

    /** Slots split evenly over the masters, everyone introduced to everyone, replica {@code i} following master i. */
    private void form(List<Integer> masters, List<Integer> replicas) {
        for (int m = 0; m < masters.size(); m++) {
            int from = m * SLOTS / masters.size();
            int to = (m + 1) * SLOTS / masters.size();
            try (Jedis node = connect(masters.get(m))) {
                node.clusterAddSlots(IntStream.range(from, to).toArray());
            }
        }
        List<Integer> all = Stream.concat(masters.stream(), replicas.stream()).toList();
        try (Jedis first = connect(all.get(0))) {
            for (int port : all.subList(1, all.size())) {
                first.clusterMeet(HOST, port);
            }
        }
        awaitUntil(
                Duration.ofSeconds(30),
                "every node knows every other",
                () -> all.stream().allMatch(port -> nodesLines(port).size() == all.size()));
        for (int i = 0; i < replicas.size(); i++) {
            String masterId = id(masters.get(i));
            try (Jedis replica = connect(replicas.get(i))) {
                replica.clusterReplicate(masterId);
            }
        }
    }

    /** Waits until every live node says the cluster is ok and every master has a replica in sync. */
    public void awaitHealthy(Duration timeout) {
        awaitUntil(timeout, "a healthy cluster", () -> {
            for (int port : livePorts()) {
                try (Jedis node = connect(port)) {
                    if (!node.clusterInfo().contains("cluster_state:ok")) {
                        return false;
                    }
                    String replication = node.info("replication");
                    if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /** A seed list of every node: the URL Hookline is given. */
    public String url() {
        return "redis-cluster://"
                + livePorts().stream().map(p -> HOST + ":" + p).collect(Collectors.joining(","));
    }

    /** A connection to one node, bypassing the cluster client (no redirections followed). */
    public Jedis connect(int port) {
        return new Jedis(HOST, port, 5_000);
    }

    /** The ports of the nodes still running. */
    public List<Integer> livePorts() {
        synchronized (processes) {
            return processes.entrySet().stream()
                    .filter(e -> e.getValue().isAlive())
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }

    /** The masters that serve slots, as a live node sees them, ordered by their first slot. */
    public List<Integer> masterPorts() {
        int any = livePorts().get(0);
        return nodesLines(any).stream()
                .map(line -> line.split(" "))
                .filter(f -> f[2].contains("master") && !f[2].contains("fail") && f.length > 8)
                .sorted(Comparator.comparingInt(f -> Integer.parseInt(f[8].split("-")[0])))
                .map(f -> portOf(f[1]))
                .toList();
    }

    /** The master serving {@code slot}, as a live node sees it. */
    public int masterOf(int slot) {
        int any = livePorts().get(0);
        for (String line : nodesLines(any)) {
            String[] f = line.split(" ");
            if (!f[2].contains("master") || f[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < f.length; i++) {
                if (f[i].startsWith("[")) {
                    continue; // a slot being migrated or imported
                }
                String[] range = f[i].split("-");
                int lo = Integer.parseInt(range[0]);
                int hi = range.length > 1 ? Integer.parseInt(range[1]) : lo;
                if (slot >= lo && slot <= hi) {
                    return portOf(f[1]);
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /** The replica following the master on {@code masterPort}. */
    public int replicaOf(int masterPort) {
        String masterId = id(masterPort);
        return nodesLines(livePorts().get(0)).stream()
                .map(line -> line.split(" "))
                .filter(f -> f[3].equals(masterId))
                .map(f -> portOf(f[1]))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no replica of " + masterPort));
    }

    /** The node's cluster id. */
    public String id(int port) {
        try (Jedis node = connect(port)) {
            return node.clusterMyId();
        }
    }

    /** Whether the node on {@code port} is a master now. */
    public boolean isMaster(int port) {
        try (Jedis node = connect(port)) {
            return node.info("replication").contains("role:master");
        }
    }

    /** Kills a node with SIGKILL: no shutdown, no last save, its connections reset. */
    public void kill(int port) {
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

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook already
        }
        deleteQuietly(dir);
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

    private List<String> nodesLines(int port) {
        try (Jedis node = connect(port)) {
            return node.clusterNodes().lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static int portOf(String address) {
        // ip:port@cport
        String hostPort = address.split("@")[0];
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static void awaitPing(int port) {
        awaitUntil(Duration.ofSeconds(30), "redis-server on " + port, () -> {
            try (Jedis node = new Jedis(HOST, port, 1_000)) {
                return "PONG".equals(node.ping());
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static void awaitUntil(Duration timeout, String what, java.util.function.BooleanSupplier done) {
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

    /** A port free for the node and for its cluster bus (the port + 10000). */
    private int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(25000);
            synchronized (processes) {
                if (processes.containsKey(port)
                        || processes.containsKey(port + 10000)
                        || processes.containsKey(port - 10000)) {
                    continue;
                }
            }
            if (free(port) && free(port + 10000)) {
                return port;
            }
        }
        throw new IOException("no free pair of loopback ports found");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", path, e.toString());
        }
    }
}
