package dev.hookline.core.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Cluster on loopback: a {@code redis-server} process per node ({@link RedisProcesses}: the
 * embedded-redis artifact's binary, nothing but the JDK needed), cluster-enabled, its slots split evenly over the
 * masters as {@code redis-cli --cluster create} does, one replica per master. Built from Java with
 * {@code CLUSTER ADDSLOTS}, {@code CLUSTER MEET} and {@code CLUSTER REPLICATE}. Every process dies with
 * {@link #close()}, or with the JVM.
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final TestRedisCluster cluster = TestRedisCluster.start(3, Duration.ofSeconds(1));
 * @RegisterExtension @Order(2) static final TestApp app = new TestApp(c -> c.redis.url = cluster.url());
 * }</pre>
 *
 * As an extension it stops after the extensions registered after it, so the application never sees it go.
 */
public final class TestRedisCluster extends RedisFixture {
    private static final Logger LOG = LoggerFactory.getLogger(TestRedisCluster.class);
    private static final String HOST = RedisProcesses.HOST;
    private static final int SLOTS = 16384;

    private TestRedisCluster() {}

    /**
     * Starts {@code masters} masters and as many replicas and waits until the cluster is healthy.
     *
     * @param nodeTimeout {@code cluster-node-timeout}: how long a master may be silent before its replica takes
     *     over (the promotion follows within about as long again)
     */
    public static TestRedisCluster start(int masters, Duration nodeTimeout) {
        TestRedisCluster cluster = new TestRedisCluster();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < masters * 2; i++) {
                int port = cluster.processes.freePort(true);
                cluster.processes.start(
                        port,
                        List.of(
                                "--appendonly", "no",
                                "--save", "",
                                "--cluster-enabled", "yes",
                                "--cluster-config-file", "nodes.conf",
                                "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis()),
                                // a replica takes over however long ago it last heard from its master
                                "--cluster-replica-validity-factor", "0",
                                "--repl-diskless-sync", "yes",
                                "--repl-diskless-sync-delay", "0"));
                ports.add(port);
            }
            cluster.form(ports.subList(0, masters), ports.subList(masters, ports.size()));
            cluster.awaitHealthy(Duration.ofSeconds(60));
            LOG.info("Redis Cluster on 127.0.0.1 ports {}: masters {}", ports, cluster.masterPorts());
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
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
        RedisProcesses.awaitUntil(
                Duration.ofSeconds(30),
                "every node to know every other",
                () -> all.stream().allMatch(port -> nodesLines(port).size() == all.size()));
        for (int i = 0; i < replicas.size(); i++) {
            String masterId = id(masters.get(i));
            try (Jedis replica = connect(replicas.get(i))) {
                replica.clusterReplicate(masterId);
            }
        }
    }

    /** Waits until every live node says the cluster is ok and every replica is in sync with its master. */
    public void awaitHealthy(Duration timeout) {
        RedisProcesses.awaitUntil(timeout, "a healthy cluster", () -> {
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

    /** A seed list of every live node: the URL Hookline is given. */
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
        return processes.livePorts();
    }

    /** The masters that serve slots, as a live node sees them, ordered by their first slot. */
    public List<Integer> masterPorts() {
        return nodesLines(livePorts().get(0)).stream()
                .map(line -> line.split(" "))
                .filter(f -> f[2].contains("master") && !f[2].contains("fail") && f.length > 8)
                .sorted(Comparator.comparingInt(f -> Integer.parseInt(f[8].split("-")[0])))
                .map(f -> portOf(f[1]))
                .toList();
    }

    /** The master serving {@code slot}, as a live node sees it. */
    public int masterOf(int slot) {
        for (String line : nodesLines(livePorts().get(0))) {
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

    private List<String> nodesLines(int port) {
        try (Jedis node = connect(port)) {
            return node.clusterNodes().lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static int portOf(String address) {
        String hostPort = address.split("@")[0]; // ip:port@cport
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
