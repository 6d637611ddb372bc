package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.embedded.EmbeddedRedisServer;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.TestApp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * PostgreSQL is the source of truth: a Redis that restarts empty, or is flushed, mid-run costs nothing. The API keeps
 * accepting while Redis is down, and the reconciler brings back every due delivery, retries that only lived in
 * Redis's delayed set included. The app runs on a Redis of its own (the machine's shared one is never restarted
 * or flushed), on a fixed port so a restart comes back where clients look for it.
 */
class RedisRestartAndFlushTest {
    static final EmbeddedRedisServer redis = EmbeddedRedisServer.start(null);

    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.redis.url = redis.url();
        c.delivery.retrySchedule = "0s,5s";
    });

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    static final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void redisRestartedEmptyMidRunLosesNothingAndTheApiKeepsAccepting() {
        // given deliveries whose first attempt failed, so their retries wait in Redis
        Scenario s = scenario("restart");
        int n = Reliability.pick(50, 500);
        List<Message> sent = sendAndWaitForRetries(s, n);

        // when Redis goes away, messages keep coming, and Redis comes back empty
        redis.stopForNow();
        List<Message> duringOutage = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            duringOutage.add(s.send("redis.test", "{\"down\":" + i + "}")); // the SDK throws on anything but 2xx
        }
        long outageMs = (System.nanoTime() - start) / 1_000_000;
        redis.startAgain();
        sent.addAll(duringOutage);

        // then every delivery, old and new, succeeds
        assertEveryDeliverySucceeds(s, sent);
        Reliability.report(
                "redis-restart",
                "sent",
                sent.size(),
                "acceptedWhileDown",
                duringOutage.size(),
                "downMs",
                outageMs,
                "delivered",
                delivered(sent),
                "lost",
                sent.size() - delivered(sent),
                "5xx",
                0);
    }

    @Test
    void redisFlushedMidRunLosesNothing() {
        // given deliveries whose first attempt failed, so their retries wait in Redis
        Scenario s = scenario("flush");
        int n = Reliability.pick(50, 500);
        List<Message> sent = sendAndWaitForRetries(s, n);

        // when someone runs FLUSHALL, and messages keep coming
        try (UnifiedJedis jedis = RedisClient.create(URI.create(redis.url()))) {
            jedis.flushAll();
        }
        for (int i = 0; i < n; i++) {
            sent.add(s.send("redis.test", "{\"after\":" + i + "}"));
        }

        // then every delivery, old and new, succeeds
        assertEveryDeliverySucceeds(s, sent);
        Reliability.report(
                "redis-flush",
                "sent",
                sent.size(),
                "delivered",
                delivered(sent),
                "lost",
                sent.size() - delivered(sent),
                "5xx",
                0);
    }

    private static Scenario scenario(String uid) {
        Scenario s = Scenario.tenant(app, uid);
        receiver.otherwiseAnswer(r -> Answer.status(
                seen.computeIfAbsent(r.header("webhook-id"), id -> new AtomicInteger())
                                        .incrementAndGet()
                                == 1
                        ? 500
                        : 200));
        s.endpoint(receiver.url("/" + uid));
        return s;
    }

    private static List<Message> sendAndWaitForRetries(Scenario s, int n) {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(s.send("redis.test", "{\"n\":" + i + "}"));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Reliability.count(
                                app,
                                "SELECT count(*) FROM deliveries WHERE attempts >= 1 AND message_id = ANY(?)",
                                (Object) ids(sent))
                        == n);
        long waiting = Reliability.count(
                app, "SELECT count(*) FROM deliveries WHERE status = 'retrying' AND message_id = ANY(?)", (Object)
                        ids(sent));
        assertThat(waiting).as("retries waiting in Redis when it fails").isGreaterThan(n / 2);
        return sent;
    }

    private static void assertEveryDeliverySucceeds(Scenario s, List<Message> sent) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Reliability.count(
                                app,
                                "SELECT count(*) FROM deliveries WHERE status = 'succeeded' "
                                        + "AND message_id = ANY(?)",
                                (Object) ids(sent))
                        == sent.size());
        assertThat(seen.keySet()).containsAll(List.of(ids(sent)));
    }

    private static long delivered(List<Message> sent) {
        return List.of(ids(sent)).stream()
                .filter(id -> seen.containsKey(id) && seen.get(id).get() >= 2)
                .count();
    }

    private static String[] ids(List<Message> sent) {
        return sent.stream().map(Message::id).toArray(String[]::new);
    }
}
