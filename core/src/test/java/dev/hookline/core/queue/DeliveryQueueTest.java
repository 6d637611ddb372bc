package dev.hookline.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.testing.TestEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeliveryQueueTest {
    @RegisterExtension
    static final TestEnvironment env = new TestEnvironment();

    private DeliveryQueue queue;

    @BeforeEach
    void freshQueue() {
        env.redis().del(env.redisPrefix() + "{q}:stream", env.redisPrefix() + "{q}:delayed");
        queue = env.queue();
        queue.ensureGroup();
    }

    @Test
    void deliversEachEntryToOneConsumerAndForgetsItOnAck() {
        queue.enqueue(List.of("dlv_a", "dlv_b", "dlv_c"));
        List<QueueEntry> first = queue.read("c1", 2, 100);
        List<QueueEntry> second = queue.read("c2", 10, 100);
        assertThat(first).extracting(QueueEntry::deliveryId).containsExactly("dlv_a", "dlv_b");
        assertThat(second).extracting(QueueEntry::deliveryId).containsExactly("dlv_c");

        queue.ack(first);
        queue.ack(second);
        assertThat(queue.depth()).isZero();
    }

    @Test
    void unacknowledgedEntriesAreClaimedByAnotherConsumerAfterTheLease() throws Exception {
        queue.enqueue(List.of("dlv_lost"));
        assertThat(queue.read("dead-worker", 10, 100)).hasSize(1);

        assertThat(queue.claimAbandoned("live-worker", 60_000, 10)).isEmpty();
        Thread.sleep(30);
        List<QueueEntry> claimed = queue.claimAbandoned("live-worker", 20, 10);
        assertThat(claimed).extracting(QueueEntry::deliveryId).containsExactly("dlv_lost");
    }

    @Test
    void movesOnlyDueRetriesOntoTheStream() {
        long now = 1_000_000L;
        queue.schedule(Map.of("dlv_due", now - 1, "dlv_later", now + 60_000));
        assertThat(queue.moveDue(now, 100)).isEqualTo(1);
        assertThat(queue.delayedDepth()).isEqualTo(1);
        assertThat(queue.read("c", 10, 100)).extracting(QueueEntry::deliveryId).containsExactly("dlv_due");
    }

    @Test
    void recreatesTheConsumerGroupAfterRedisLostIt() {
        env.redis().del(queue.streamKey());
        assertThat(queue.read("c", 10, 10)).isEmpty();
        queue.enqueue(List.of("dlv_after_flush"));
        assertThat(queue.read("c", 10, 100)).extracting(QueueEntry::deliveryId).containsExactly("dlv_after_flush");
    }
}
