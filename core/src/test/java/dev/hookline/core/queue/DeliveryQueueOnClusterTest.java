package dev.hookline.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.redis.RedisUrl;
import dev.hookline.core.testing.TestRedisCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The queue on a real Redis Cluster of 3 masters and 3 replicas: its shards spread over every master. */
class DeliveryQueueOnClusterTest {
    @RegisterExtension
    static final TestRedisCluster cluster = TestRedisCluster.start(3, Duration.ofSeconds(1));

    static UnifiedJedis redis;

    @BeforeAll
    static void connect() {
        redis = RedisUrl.parse(cluster.url()).connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void theShardsSpreadOverEveryMasterAndEveryEntryIsReadOnce() throws Exception {
        DeliveryQueue queue = new DeliveryQueue(redis, "spread:", 16);
        queue.ensureGroup();
        List<DeliveryRef> refs = IntStream.range(0, 500)
                .mapToObj(i -> new DeliveryRef("dlv_" + i, "ep_" + (i % 97)))
                .toList();
        queue.enqueue(refs);
        queue.schedule(Map.of(new DeliveryRef("dlv_later", "ep_1"), System.currentTimeMillis() + 60_000));

        Map<Integer, Integer> streamsPerMaster = new HashMap<>();
        for (String stream : queue.streamKeys()) {
            int master = cluster.masterOf(JedisClusterCRC16.getSlot(stream));
            try (Jedis node = cluster.connect(master)) {
                assertThat(node.exists(stream)).as(stream + " on its master").isTrue();
            }
            streamsPerMaster.merge(master, 1, Integer::sum);
        }
        assertThat(streamsPerMaster.keySet()).containsExactlyInAnyOrderElementsOf(cluster.masterPorts());
        assertThat(streamsPerMaster.values()).containsExactlyInAnyOrder(5, 5, 6);
        assertThat(queue.depth()).isEqualTo(500);
        assertThat(queue.delayedDepth()).isEqualTo(1);

        List<QueueEntry> read = new ArrayList<>();
        try (QueueReader reader = queue.reader("c", 100, Duration.ofMinutes(1))) {
            reader.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < 500 && System.nanoTime() < deadline) {
                read.addAll(reader.read(100, 200));
            }
        }
        assertThat(read).extracting(QueueEntry::deliveryId).hasSize(500).doesNotHaveDuplicates();
        queue.ack(read);
        assertThat(queue.depth()).isZero();
        assertThat(queue.redirectedMoved() + queue.redirectedAsk()).isZero();
    }
}
