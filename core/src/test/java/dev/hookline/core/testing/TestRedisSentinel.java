package dev.hookline.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * A Redis master, its replica and one Sentinel watching them, on loopback ({@link RedisProcesses}: the
 * embedded-redis artifact's binary). The Sentinel declares the master down after 1 s of silence and promotes the
 * replica. Register it before the application, so it stops after it.
 */
public final class TestRedisSentinel extends RedisFixture {
    public static final String MASTER_NAME = "hookline";
    private static final String HOST = RedisProcesses.HOST;

    private int sentinel;

    private TestRedisSentinel() {}

    public static TestRedisSentinel start() {
        TestRedisSentinel s = new TestRedisSentinel();
        try {
            List<String> data = List.of("--appendonly", "no", "--save", "");
            int master = s.processes.freePort(false);
            s.processes.start(master, data);
            int replica = s.processes.freePort(false);
            s.processes.start(
                    replica,
                    List.of("--appendonly", "no", "--save", "", "--replicaof", HOST, Integer.toString(master)));
            s.sentinel = s.processes.freePort(false);
            Path dir = Files.createDirectories(s.processes.dir(s.sentinel));
            Path config = dir.resolve("sentinel.conf");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "sentinel monitor " + MASTER_NAME + " " + HOST + " " + master + " 1",
                            "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                            "sentinel failover-timeout " + MASTER_NAME + " 5000",
                            "sentinel parallel-syncs " + MASTER_NAME + " 1",
                            ""));
            s.processes.start(s.sentinel, List.of(config.toString(), "--sentinel"));
            RedisProcesses.awaitUntil(Duration.ofSeconds(30), "the replica in sync", () -> {
                try (Jedis node = new Jedis(HOST, replica, 1_000)) {
                    return node.info("replication").contains("master_link_status:up");
                }
            });
            RedisProcesses.awaitUntil(Duration.ofSeconds(30), "the sentinel to see the replica", () -> {
                try (Jedis node = new Jedis(HOST, s.sentinel, 1_000)) {
                    return !node.sentinelReplicas(MASTER_NAME).isEmpty();
                }
            });
            return s;
        } catch (IOException e) {
            s.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The URL Hookline is given. */
    public String url() {
        return "redis-sentinel://" + HOST + ":" + sentinel + "/" + MASTER_NAME;
    }

    /** The master's port, as the Sentinel names it now. */
    public int masterPort() {
        try (Jedis node = new Jedis(HOST, sentinel, 1_000)) {
            return Integer.parseInt(
                    node.sentinelGetMasterAddrByName(MASTER_NAME).get(1));
        }
    }
}
