package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestRedisSentinel;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code redis-sentinel://}: the platform finds its Redis through a Sentinel, and follows it when the Sentinel
 * promotes the replica of a master killed with SIGKILL; every accepted message is delivered.
 */
class RedisSentinelTest {
    @RegisterExtension
    @Order(1)
    static final TestRedisSentinel sentinel = TestRedisSentinel.start();

    @RegisterExtension
    @Order(2)
    static final TestApp app = new TestApp(c -> c.redis.url = sentinel.url());

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @Test
    void deliveriesGoThroughTheSentinelsMasterAndSurviveItsFailover() {
        // given 4 endpoints and 10 messages delivered through the Sentinel's master
        Scenario s = Scenario.tenant(app, "sentinel");
        for (int i = 0; i < 4; i++) {
            s.endpoint(receiver.url("/sentinel/" + i));
        }
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(s.send("sentinel.test", "{\"n\":" + i + "}").id());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(sent) == 40);

        // when the master is killed and the Sentinel promotes its replica
        int master = sentinel.masterPort();
        long killedAt = System.nanoTime();
        sentinel.kill(master);
        await().atMost(Duration.ofSeconds(30)).until(() -> sentinel.masterPort() != master);
        long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;

        // then messages sent from then on are accepted and, with the earlier ones, all delivered
        for (int i = 10; i < 20; i++) {
            sent.add(s.send("sentinel.test", "{\"n\":" + i + "}").id());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(sent) == 80);
        assertThat(receiver.received().stream()
                        .map(r -> r.path() + " " + r.header("webhook-id"))
                        .distinct())
                .hasSize(80);
        Reliability.report(
                "redis-sentinel-failover", "accepted", sent.size(), "deliveries", 80, "failoverMs", failoverMillis);
    }

    private static long succeeded(List<String> messageIds) {
        return Reliability.count(
                app, "SELECT count(*) FROM deliveries WHERE status = 'succeeded' AND message_id = ANY(?)", (Object)
                        messageIds.toArray(String[]::new));
    }
}
