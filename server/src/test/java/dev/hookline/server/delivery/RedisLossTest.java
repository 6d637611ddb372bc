package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL is the source of truth: when Redis loses every key of ours (what a restart without persistence or a
 * FLUSHDB does), the consumer group is recreated and the reconciler re-enqueues every due delivery.
 */
class RedisLossTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.retrySchedule = "0s,3s");

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @Test
    void reconcilerRestoresEveryDueDeliveryAfterRedisLostItsKeys() {
        // given 20 deliveries whose first attempt failed, so their retries wait in Redis's delayed set
        Scenario s = Scenario.tenant(app, "loss");
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        receiver.otherwiseAnswer(r -> Answer.status(
                seen.computeIfAbsent(r.header("webhook-id"), id -> new AtomicInteger())
                                        .incrementAndGet()
                                == 1
                        ? 500
                        : 200));
        s.endpoint(receiver.url("/lossy"));
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(s.send("order.placed", "{\"n\":" + i + "}"));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> sent.stream()
                        .allMatch(m -> "retrying".equals(s.delivery(m.id()).status())));
        DeliveryQueue queue = app.env().queue();
        assertThat(queue.delayedDepth()).isEqualTo(20);

        // when every key of this installation disappears (stream, consumer group, delayed set)
        for (String key : app.env().redis().keys(app.env().redisPrefix() + "*")) {
            app.env().redis().del(key);
        }
        assertThat(queue.delayedDepth()).isZero();
        // and new messages keep coming
        for (int i = 20; i < 25; i++) {
            sent.add(s.send("order.placed", "{\"n\":" + i + "}"));
        }

        // then every delivery, old and new, still succeeds
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sent.stream()
                        .allMatch(m -> "succeeded".equals(s.delivery(m.id()).status())));
        assertThat(seen.keySet()).containsAll(sent.stream().map(Message::id).toList());
    }
}
