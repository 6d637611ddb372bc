package dev.hookline.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.util.JedisClusterCRC16;

class DeliveryQueueTest {
    @RegisterExtension
    static final TestEnvironment env = new TestEnvironment();

    /** A queue of its own, under the class's key prefix (so the fixture deletes its keys). */
    private static DeliveryQueue queue(int shards) {
        DeliveryQueue queue = new DeliveryQueue(
                env.redis(), env.redisPrefix() + UUID.randomUUID().toString().substring(0, 8) + ":", shards);
        queue.ensureGroup();
        return queue;
    }

    private static DeliveryRef ref(String deliveryId, String endpointId) {
        return new DeliveryRef(deliveryId, endpointId);
    }

    /** Endpoint ids that land on {@code shards} distinct shards, one each. */
    private static List<String> endpointsOnDistinctShards(DeliveryQueue queue, int shards) {
        Map<Integer, String> byShard = new HashMap<>();
        for (int i = 0; byShard.size() < shards; i++) {
            byShard.putIfAbsent(queue.shardOf("ep_" + i), "ep_" + i);
        }
        return List.copyOf(byShard.values());
    }

    private static List<QueueEntry> readAll(QueueReader reader, int expected) throws InterruptedException {
        List<QueueEntry> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (out.size() < expected && System.nanoTime() < deadline) {
            out.addAll(reader.read(expected - out.size(), 200));
        }
        return out;
    }

    private static List<String> ids(Collection<QueueEntry> entries) {
        return entries.stream().map(QueueEntry::deliveryId).toList();
    }

    @Test
    void everyEntryIsReadOnceWhateverItsShardAndAcknowledgedEntriesAreGone() throws Exception {
        DeliveryQueue queue = queue(16);
        List<DeliveryRef> refs = IntStream.range(0, 200)
                .mapToObj(i -> ref("dlv_" + i, "ep_" + (i % 37)))
                .toList();
        queue.enqueue(refs);

        try (QueueReader a = queue.reader("a", 50, Duration.ofMinutes(1));
                QueueReader b = queue.reader("b", 50, Duration.ofMinutes(1))) {
            a.start();
            b.start();
            List<QueueEntry> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (read.size() < 200 && System.nanoTime() < deadline) {
                read.addAll(a.read(50, 100));
                read.addAll(b.read(50, 100));
            }
            assertThat(ids(read)).hasSize(200).doesNotHaveDuplicates();
            assertThat(new HashSet<>(ids(read)))
                    .isEqualTo(new HashSet<>(
                            refs.stream().map(DeliveryRef::deliveryId).toList()));
            queue.ack(read);
            assertThat(queue.depth()).isZero();
            assertThat(a.read(10, 300)).isEmpty();
        }
    }

    @Test
    void anEndpointStaysOnOneShardAndTheShardsSpreadEvenlyOverThreeMasters() {
        DeliveryQueue queue = queue(16);
        assertThat(queue.shardOf("ep_01J0000000000000000000000"))
                .isEqualTo(queue.shardOf("ep_01J0000000000000000000000"));
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            used.add(queue.shardOf("ep_" + UUID.randomUUID()));
        }
        assertThat(used).hasSize(16);

        // A cluster made by redis-cli --cluster create gives 3 masters 5461, 5461 and 5462 slots.
        int[] perMaster = new int[3];
        for (String stream : queue.streamKeys()) {
            int slot = JedisClusterCRC16.getSlot(stream);
            perMaster[slot <= 5460 ? 0 : slot <= 10921 ? 1 : 2]++;
        }
        assertThat(perMaster).containsExactlyInAnyOrder(5, 5, 6);
        assertThat(queue.streamKeys().get(0)).contains("{q0");
        assertThat(new DeliveryQueue(env.redis(), "x:", 1).streamKeys()).containsExactly("x:{q0}:stream");
    }

    @Test
    void abandonedEntriesAreReclaimedAfterTheLease() throws Exception {
        DeliveryQueue queue = queue(4);
        queue.enqueue(List.of(ref("dlv_lost", "ep_1")));
        DeliveryQueue.Shard shard = queue.activeShards().get(queue.shardOf("ep_1"));
        assertThat(queue.read(shard, "dead-worker", 10, 100)).hasSize(1);

        assertThat(queue.claimAbandoned(shard, "live-worker", 60_000, 10)).isEmpty();
        Thread.sleep(30);
        assertThat(ids(queue.claimAbandoned(shard, "live-worker", 20, 10))).containsExactly("dlv_lost");

        // and a reader does it by itself every half lease
        queue.enqueue(List.of(ref("dlv_lost_2", "ep_1")));
        assertThat(queue.read(shard, "dead-worker", 10, 100)).hasSize(1);
        try (QueueReader reader = queue.reader("live-worker", 10, Duration.ofMillis(400))) {
            reader.start();
            assertThat(ids(readAll(reader, 2))).contains("dlv_lost_2");
        }
    }

    @Test
    void dueRetriesMoveToTheStreamOfTheirEndpointsShard() throws Exception {
        DeliveryQueue queue = queue(16);
        long now = System.currentTimeMillis();
        queue.schedule(Map.of(ref("dlv_due", "ep_a"), now - 1, ref("dlv_later", "ep_b"), now + 60_000));
        assertThat(queue.delayedDepth()).isEqualTo(2);

        assertThat(queue.moveDue(now, 100)).isEqualTo(1);

        assertThat(queue.delayedDepth()).isEqualTo(1);
        String stream = queue.streamKeys().get(queue.shardOf("ep_a"));
        assertThat(env.redis().xlen(stream)).isEqualTo(1);
        try (QueueReader reader = queue.reader("c", 10, Duration.ofMinutes(1))) {
            reader.start();
            assertThat(ids(readAll(reader, 1))).containsExactly("dlv_due");
        }
    }

    @Test
    void aStreamLostWithRedisDataIsCreatedAgainAndReadFromTheStart() throws Exception {
        DeliveryQueue queue = queue(4);
        try (QueueReader reader = queue.reader("c", 10, Duration.ofMinutes(1))) {
            reader.start();
            queue.enqueue(List.of(ref("dlv_before", "ep_1")));
            assertThat(ids(readAll(reader, 1))).containsExactly("dlv_before");

            for (String stream : queue.streamKeys()) {
                env.redis().del(stream);
            }
            queue.enqueue(List.of(ref("dlv_after_flush", "ep_1"), ref("dlv_after_flush_2", "ep_2")));

            assertThat(ids(readAll(reader, 2))).containsExactlyInAnyOrder("dlv_after_flush", "dlv_after_flush_2");
        }
    }

    @Test
    void anIdleReaderPicksUpANewEntryOfAnyShardAtOnce() throws Exception {
        DeliveryQueue queue = queue(16);
        List<String> endpoints = endpointsOnDistinctShards(queue, 16);
        try (QueueReader reader = queue.reader("c", 100, Duration.ofMinutes(1))) {
            reader.start();
            Thread.sleep(QueueReader.BLOCK_MILLIS); // every reader is waiting in Redis
            List<Long> micros = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String endpoint : endpoints) {
                    Thread.sleep(20); // idle between entries
                    long start = System.nanoTime();
                    queue.enqueue(List.of(ref("dlv_" + round + endpoint, endpoint)));
                    List<QueueEntry> got = reader.read(10, 5_000);
                    micros.add((System.nanoTime() - start) / 1_000);
                    assertThat(ids(got)).containsExactly("dlv_" + round + endpoint);
                }
            }
            micros.sort(null);
            System.out.printf(
                    "idle pickup over 16 shards: median %d us, p90 %d us, max %d us (%d entries)%n",
                    micros.get(micros.size() / 2),
                    micros.get(micros.size() * 9 / 10),
                    micros.get(micros.size() - 1),
                    micros.size());
            // A reader cycling through the shards with blocking reads would take up to 16 x 500 ms.
            assertThat(micros.get(micros.size() / 2)).isLessThan(50_000);
            assertThat(micros.get(micros.size() - 1)).isLessThan(QueueReader.BLOCK_MILLIS * 1_000L);
        }
    }

    @Test
    void aFullReaderServesShardsWithWorkInTurn() throws Exception {
        DeliveryQueue queue = queue(16);
        List<String> endpoints = endpointsOnDistinctShards(queue, 2);
        List<DeliveryRef> refs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            refs.add(ref("dlv_a" + i, endpoints.get(0)));
            refs.add(ref("dlv_b" + i, endpoints.get(1)));
        }
        // one shard's backlog first, then the other's
        queue.enqueue(
                refs.stream().filter(r -> r.deliveryId().startsWith("dlv_a")).toList());
        queue.enqueue(
                refs.stream().filter(r -> r.deliveryId().startsWith("dlv_b")).toList());

        try (QueueReader reader = queue.reader("c", 20, Duration.ofMinutes(1))) {
            reader.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.buffered() >= 20);
            List<QueueEntry> first = new ArrayList<>();
            while (first.size() < 200) {
                // as a worker's consumer loops are, slower than the readers: the buffer is full again before each
                // read, so every reader with work is waiting for its turn
                await().atMost(Duration.ofSeconds(10)).until(() -> reader.buffered() >= 20);
                first.addAll(reader.read(20, 1_000));
            }
            long fromA = first.stream()
                    .filter(e -> e.deliveryId().startsWith("dlv_a"))
                    .count();
            assertThat(fromA)
                    .as("entries of the first shard among the first 200 read")
                    .isBetween(60L, 140L);
        }
    }

    @Test
    void closingHandsBackWhatWasReadButNotTaken() throws Exception {
        DeliveryQueue queue = queue(4);
        queue.enqueue(
                IntStream.range(0, 30).mapToObj(i -> ref("dlv_" + i, "ep_" + i)).toList());
        QueueReader first = queue.reader("first", 50, Duration.ofMinutes(10));
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.buffered() == 30);
        List<QueueEntry> taken = first.read(10, 100);

        first.close();

        try (QueueReader second = queue.reader("second", 50, Duration.ofMinutes(10))) {
            second.start();
            List<QueueEntry> rest = readAll(second, 20);
            assertThat(ids(rest)).hasSize(20).doesNotContainAnyElementsOf(ids(taken));
        }
        assertThat(queue.depth()).isEqualTo(30); // 10 taken and not acknowledged, 20 read again
    }

    @Test
    void shardsOfAnotherCountAreDrainedThenDeleted() throws Exception {
        String prefix = env.redisPrefix() + "resharded:";
        DeliveryQueue four = new DeliveryQueue(env.redis(), prefix, 4);
        four.ensureGroup();
        List<DeliveryRef> refs =
                IntStream.range(0, 40).mapToObj(i -> ref("dlv_" + i, "ep_" + i)).toList();
        four.enqueue(refs);
        long now = System.currentTimeMillis();
        four.schedule(Map.of(ref("dlv_retry", "ep_x"), now + 300));
        // and a stream of the version before sharding
        env.redis().xadd(prefix + "{q}:stream", StreamEntryID.NEW_ENTRY, Map.of(DeliveryQueue.FIELD, "dlv_legacy"));

        DeliveryQueue sixteen = new DeliveryQueue(env.redis(), prefix, 16);
        sixteen.ensureGroup();
        assertThat(sixteen.retiredShards()).hasSize(5);
        try (QueueReader reader = sixteen.reader("c", 100, Duration.ofMinutes(1))) {
            reader.start();
            List<QueueEntry> read = readAll(reader, 41);
            List<String> expected =
                    new ArrayList<>(refs.stream().map(DeliveryRef::deliveryId).toList());
            expected.add("dlv_legacy");
            assertThat(ids(read)).containsExactlyInAnyOrderElementsOf(expected);
            sixteen.ack(read);

            // the retry waiting in a retired shard comes due there and is read too
            List<QueueEntry> retried = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                sixteen.moveDue(System.currentTimeMillis(), 10);
                retried.addAll(reader.read(10, 100));
                return !retried.isEmpty();
            });
            assertThat(ids(retried)).containsExactly("dlv_retry");
            sixteen.ack(retried);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sixteen.retiredShards().isEmpty());
        }
        for (DeliveryQueue.Shard s : four.activeShards()) {
            assertThat(env.redis().exists(s.stream(), s.delayed())).isZero();
        }
        assertThat(env.redis().exists(prefix + "{q}:stream")).isFalse();
    }

    @Test
    void shardStatsGiveEachShardsDepthRetriesAndTheAgeOfItsOldestDueEntry() {
        // given 4 shards: two entries due on one, a retry past due on another, a retry not yet due on a third
        DeliveryQueue queue = queue(4);
        List<String> endpoints = endpointsOnDistinctShards(queue, 3);
        long before = System.currentTimeMillis();
        queue.enqueue(List.of(ref("d1", endpoints.get(0)), ref("d2", endpoints.get(0))));
        long now = System.currentTimeMillis();
        queue.schedule(Map.of(ref("d3", endpoints.get(1)), now - 30_000, ref("d4", endpoints.get(2)), now + 60_000));

        // when the stats are read
        List<DeliveryQueue.ShardStats> stats = queue.shardStats(now);

        // then every shard is there, in order, with what it holds
        assertThat(stats).extracting(DeliveryQueue.ShardStats::shard).containsExactly(0, 1, 2, 3);
        DeliveryQueue.ShardStats streamed = stats.get(queue.shardOf(endpoints.get(0)));
        assertThat(streamed.depth()).isEqualTo(2);
        assertThat(streamed.oldestDueSinceMillis()).isBetween(before, now);
        DeliveryQueue.ShardStats overdue = stats.get(queue.shardOf(endpoints.get(1)));
        assertThat(overdue.delayed()).isEqualTo(1);
        assertThat(overdue.oldestDueSinceMillis()).isEqualTo(now - 30_000);
        DeliveryQueue.ShardStats waiting = stats.get(queue.shardOf(endpoints.get(2)));
        assertThat(waiting.delayed()).isEqualTo(1);
        assertThat(waiting.oldestDueSinceMillis()).isZero();
        assertThat(stats.stream().mapToLong(DeliveryQueue.ShardStats::depth).sum())
                .isEqualTo(queue.depth());
    }
}
