package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestRedisCluster;
import dev.hookline.sdk.Webhook;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.LogCapture;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.MigrateParams;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The whole platform on a real Redis Cluster of 3 masters and 3 replicas on loopback (redis-server processes the
 * test starts, {@link TestRedisCluster}): the queue spreads over every master, a slot migrated under load is
 * followed through MOVED and ASK without an error or a loss, and a master killed with SIGKILL is replaced by its
 * replica with every accepted message delivered and no more duplicates than were in flight. The tests run in this
 * order; the last one leaves a master dead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterTest {
    @RegisterExtension
    @Order(1)
    static final TestRedisCluster cluster = TestRedisCluster.start(3, Duration.ofSeconds(1));

    @RegisterExtension
    @Order(2)
    static final TestApp app = new TestApp(c -> c.redis.url = cluster.url());

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    static final Map<String, String> secrets = new ConcurrentHashMap<>();

    @Test
    @Order(1)
    void deliveriesArriveSignedAndTheQueueSitsOnEveryMaster() throws Exception {
        // given 48 endpoints, so deliveries go to every shard (a master's five shards miss all 48 with odds of 1e-8)
        Scenario s = Scenario.tenant(app, "spread");
        endpoints(s, "spread", 48);
        Map<Integer, Long> xaddsBefore = commandCalls("xadd");

        // when 15 messages are sent (720 deliveries)
        for (int i = 0; i < 15; i++) {
            s.send("cluster.spread", "{\"n\":" + i + "}");
        }

        // then every delivery arrives once, signed with its endpoint's secret
        await().atMost(Duration.ofSeconds(60)).until(() -> arrivals("/spread/").size() >= 720);
        List<TestReceiver.Received> arrived = arrivals("/spread/");
        assertThat(duplicates(arrived)).isZero();
        for (TestReceiver.Received r : arrived) {
            new Webhook(secrets.get(r.path())).verify(r.body(), r.headers());
        }
        assertThat(arrived.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(15);
        assertThat(app.environment().healthChecks().runHealthCheck("redis").isHealthy())
                .isTrue();

        // and the queue's streams are on all three masters, and each master took its share of the enqueues
        Map<Integer, Long> streamsPerMaster = new LinkedHashMap<>();
        for (String stream : queueStreams()) {
            int master = cluster.masterOf(JedisClusterCRC16.getSlot(stream));
            try (Jedis node = cluster.connect(master)) {
                assertThat(node.exists(stream)).isTrue();
            }
            streamsPerMaster.merge(master, 1L, Long::sum);
        }
        assertThat(streamsPerMaster.keySet()).containsExactlyInAnyOrderElementsOf(cluster.masterPorts());
        Map<Integer, Long> xadds = minus(commandCalls("xadd"), xaddsBefore);
        assertThat(xadds.values()).allSatisfy(calls -> assertThat(calls).isPositive());
        Map<Integer, Long> keysPerMaster = new LinkedHashMap<>();
        for (int master : cluster.masterPorts()) {
            try (Jedis node = cluster.connect(master)) {
                keysPerMaster.put(
                        master, (long) node.keys(app.env().redisPrefix() + "*").size());
            }
        }
        Reliability.report(
                "redis-cluster-spread",
                "deliveries",
                arrived.size(),
                "streamsPerMaster",
                streamsPerMaster.values(),
                "keysPerMaster",
                keysPerMaster.values(),
                "xaddPerMaster",
                xadds.values());
    }

    @Test
    @Order(2)
    void aSlotMigratedUnderLoadIsFollowedThroughMovedAndAskWithoutAnErrorOrALoss() throws Exception {
        // given messages flowing to 8 endpoints, and the shard of the first one
        Scenario s = Scenario.tenant(app, "reshard");
        String firstEndpoint = endpoints(s, "reshard", 8).get(0).id();
        DeliveryQueue shape = new DeliveryQueue(app.env().redis(), app.env().redisPrefix());
        String stream = shape.streamKeys().get(shape.shardOf(firstEndpoint));
        int slot = JedisClusterCRC16.getSlot(stream);
        int source = cluster.masterOf(slot);
        int target = cluster.masterPorts().stream()
                .filter(p -> p != source)
                .findFirst()
                .orElseThrow();
        Map<Integer, Long> movedBefore = errorCount("MOVED");
        Map<Integer, Long> askBefore = errorCount("ASK");

        List<String> accepted;
        int refused;
        try (LogCapture logs = LogCapture.start();
                Flow flow = new Flow(s, "cluster.reshard")) {
            Thread.sleep(1_000);

            // when the shard's slot moves to another master as redis-cli --cluster reshard moves it
            try (Jedis from = cluster.connect(source);
                    Jedis to = cluster.connect(target)) {
                to.clusterSetSlotImporting(slot, cluster.id(source));
                from.clusterSetSlotMigrating(slot, cluster.id(target));
                Thread.sleep(1_000); // keys still on the source
                List<String> keys = from.clusterGetKeysInSlot(slot, 100);
                assertThat(keys).contains(stream);
                from.migrate("127.0.0.1", target, 5_000, MigrateParams.migrateParams(), keys.toArray(String[]::new));
                Thread.sleep(1_500); // keys on the target, slot still the source's: ASK
                to.clusterSetSlotNode(slot, cluster.id(target));
                from.clusterSetSlotNode(slot, cluster.id(target));
                for (int other : cluster.masterPorts()) {
                    if (other != source && other != target) {
                        try (Jedis node = cluster.connect(other)) {
                            node.clusterSetSlotNode(slot, cluster.id(target));
                        }
                    }
                }
            }
            Thread.sleep(1_500); // clients with the old slot map: MOVED
            flow.close();
            accepted = flow.accepted();
            refused = flow.refused.get();

            // then every accepted message reaches every endpoint once, signed
            int expected = accepted.size() * 8;
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> arrivals("/reshard/").size() >= expected);
            Thread.sleep(500); // a duplicate would arrive within this window
            List<TestReceiver.Received> arrived = arrivals("/reshard/");
            assertThat(arrived).hasSize(expected);
            assertThat(duplicates(arrived)).isZero();
            for (TestReceiver.Received r : arrived) {
                new Webhook(secrets.get(r.path())).verify(r.body(), r.headers());
            }
            assertThat(refused).isZero();

            // and no error surfaced anywhere: not in the API, the worker, or the Redis client
            assertThat(logs.text().lines().filter(l -> l.startsWith("WARN ") || l.startsWith("ERROR ")))
                    .filteredOn(l -> l.contains("dev.hookline") || l.contains("redis.clients"))
                    .isEmpty();
        }

        // and the cluster did redirect: the shard lives on the target now
        assertThat(cluster.masterOf(slot)).isEqualTo(target);
        long moved = sum(minus(errorCount("MOVED"), movedBefore));
        long ask = sum(minus(errorCount("ASK"), askBefore));
        assertThat(moved).as("MOVED answers").isPositive();
        assertThat(ask).as("ASK answers").isPositive();
        Reliability.report(
                "redis-cluster-reshard",
                "accepted",
                accepted.size(),
                "deliveries",
                accepted.size() * 8,
                "lost",
                0,
                "duplicates",
                0,
                "movedAnswers",
                moved,
                "askAnswers",
                ask,
                "movedFollowedInPipelines",
                gauge("hookline.queue.redirects.moved"),
                "askFollowedInPipelines",
                gauge("hookline.queue.redirects.ask"));
    }

    @Test
    @Order(3)
    void aMasterKilledWhileMessagesFlowIsReplacedAndEveryAcceptedMessageIsDelivered() throws Exception {
        // given messages flowing to 8 endpoints that take 200 ms to answer, so some are in flight at any time
        Scenario s = Scenario.tenant(app, "failover");
        endpoints(s, "failover", 8);
        receiver.otherwiseAnswer(r -> r.path().startsWith("/failover/")
                ? TestReceiver.Answer.status(200).after(Duration.ofMillis(200))
                : TestReceiver.Answer.status(200));
        int victim = cluster.masterPorts().get(0);
        int replica = cluster.replicaOf(victim);

        List<String> accepted;
        int refused;
        long inFlightAtKill;
        long failoverMillis;
        try (Flow flow = new Flow(s, "cluster.failover")) {
            Thread.sleep(2_000);

            // when a master is killed with SIGKILL mid-flow
            inFlightAtKill = Reliability.count(
                    app,
                    "SELECT count(*) FROM deliveries WHERE lease_until > now() AND status IN ('pending', 'retrying')");
            long killedAt = System.nanoTime();
            cluster.kill(victim);

            // then its replica takes over
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.isMaster(replica));
            cluster.awaitHealthy(Duration.ofSeconds(30));
            failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
            Thread.sleep(2_000);
            flow.close();
            accepted = flow.accepted();
            refused = flow.refused.get();
        }

        // and every message the API accepted reaches every endpoint, with no more duplicates than were in flight
        assertThat(refused).as("sends refused").isZero();
        int expected = accepted.size() * 8;
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Reliability.count(
                                app,
                                "SELECT count(*) FROM deliveries WHERE status = 'succeeded' AND message_id = ANY(?)",
                                (Object) accepted.toArray(String[]::new))
                        == expected);
        List<TestReceiver.Received> arrived = arrivals("/failover/");
        assertThat(arrived.stream()
                        .map(r -> r.path() + " " + r.header("webhook-id"))
                        .distinct())
                .hasSize(expected);
        long duplicates = duplicates(arrived);
        assertThat(duplicates).isLessThanOrEqualTo(inFlightAtKill);
        Reliability.report(
                "redis-cluster-failover",
                "accepted",
                accepted.size(),
                "deliveries",
                expected,
                "lost",
                0,
                "failoverMs",
                failoverMillis,
                "inFlightAtKill",
                inFlightAtKill,
                "duplicates",
                duplicates);
    }

    /** {@code n} endpoints on {@code /prefix/0} …; their secrets go to {@link #secrets} by path. */
    private static List<Endpoint> endpoints(Scenario s, String prefix, int n) {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Endpoint e = s.endpoint(receiver.url("/" + prefix + "/" + i));
            secrets.put("/" + prefix + "/" + i, s.secret(e));
            out.add(e);
        }
        return out;
    }

    private static List<TestReceiver.Received> arrivals(String pathPrefix) {
        return receiver.received().stream()
                .filter(r -> r.path().startsWith(pathPrefix))
                .toList();
    }

    /** Arrivals beyond the first of each (endpoint, message). */
    private static long duplicates(List<TestReceiver.Received> arrived) {
        return arrived.size()
                - arrived.stream()
                        .map(r -> r.path() + " " + r.header("webhook-id"))
                        .distinct()
                        .count();
    }

    private static List<String> queueStreams() {
        return new DeliveryQueue(app.env().redis(), app.env().redisPrefix()).streamKeys();
    }

    /** Calls of a command on each master so far ({@code INFO commandstats}). */
    private static Map<Integer, Long> commandCalls(String command) {
        return infoCounts("commandstats", "cmdstat_" + command + ":calls=(\\d+)");
    }

    /** Error answers of one kind on each master so far ({@code INFO errorstats}, Redis 6.2+). */
    private static Map<Integer, Long> errorCount(String code) {
        return infoCounts("errorstats", "errorstat_" + code + ":count=(\\d+)");
    }

    private static Map<Integer, Long> infoCounts(String section, String regex) {
        Map<Integer, Long> out = new LinkedHashMap<>();
        for (int master : cluster.masterPorts()) {
            try (Jedis node = cluster.connect(master)) {
                Matcher m = Pattern.compile(regex).matcher(node.info(section));
                out.put(master, m.find() ? Long.parseLong(m.group(1)) : 0L);
            }
        }
        return out;
    }

    private static Map<Integer, Long> minus(Map<Integer, Long> after, Map<Integer, Long> before) {
        return after.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getValue() - before.getOrDefault(e.getKey(), 0L),
                        (a, b) -> a,
                        LinkedHashMap::new));
    }

    private static long sum(Map<Integer, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Object gauge(String name) {
        var g = app.environment().metrics().getGauges().get(name);
        return g == null ? "n/a" : g.getValue();
    }

    /**
     * Sends a batch of 5 messages every 10 ms until closed; keeps the ids the API accepted and counts what it refused.
     */
    private static final class Flow implements AutoCloseable {
        private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger refused = new AtomicInteger();
        private final Thread thread;
        private volatile boolean running = true;

        Flow(Scenario s, String eventType) {
            thread = new Thread(
                    () -> {
                        for (int i = 0; running; i++) {
                            List<MessageIn> batch = new ArrayList<>();
                            for (int k = 0; k < 5; k++) {
                                batch.add(MessageIn.of(eventType, Scenario.payload("{\"n\":" + (5 * i + k) + "}")));
                            }
                            try {
                                s.client()
                                        .messages()
                                        .sendBatch(s.tenant(), batch)
                                        .forEach(m -> accepted.add(m.id()));
                            } catch (RuntimeException e) {
                                refused.addAndGet(batch.size());
                            }
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "cluster-test-flow");
            thread.start();
        }

        List<String> accepted() {
            synchronized (accepted) {
                return List.copyOf(accepted);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }
    }
}
