package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.security.SecretBox;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.server.testing.TestApp;
import dev.hookline.worker.Worker;
import dev.hookline.worker.WorkerSettings;
import dev.hookline.worker.delivery.RetrySchedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code HOOKLINE_QUEUE_SHARDS} can change between restarts: what an API server enqueued with 4 shards is delivered
 * by workers restarted with 16 and then with 1, retries waiting in the old shards' delayed sets included, each
 * exactly as often as the receiver asked for it, and the old shards are deleted once empty. What no worker can find
 * (an API server still running with a shard count the workers never heard of) the reconciler delivers from
 * PostgreSQL, and the entries left behind are harmless.
 */
class QueueShardCountChangeTest {
    /** The API server keeps running with 4 shards throughout, and has no worker of its own. */
    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.redis.queueShards = 4;
        c.delivery.workerEnabled = false;
    });

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    /** Arrivals by endpoint path and message id. */
    static final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();

    @Test
    void entriesOfFourShardsAreDeliveredByWorkersWithSixteenAndWithOneAndTheOldShardsGo() throws Exception {
        // given 10 endpoints that fail a "flaky" message's first attempt, and 40 messages queued in 4 shards
        Scenario s = Scenario.tenant(app, "shards");
        receiver.otherwiseAnswer(r -> {
            int seen = arrivals.computeIfAbsent(r.path() + " " + r.header("webhook-id"), k -> new AtomicInteger())
                    .incrementAndGet();
            boolean flaky = new String(r.body(), StandardCharsets.UTF_8).contains("flaky");
            return Answer.status(flaky && seen == 1 ? 500 : 200);
        });
        for (int i = 0; i < 10; i++) {
            s.endpoint(receiver.url("/shards/" + i));
        }
        String prefix = app.env().redisPrefix();
        DeliveryQueue four = new DeliveryQueue(app.env().redis(), prefix, 4);
        DeliveryQueue sixteen = new DeliveryQueue(app.env().redis(), prefix, 16);
        DeliveryQueue one = new DeliveryQueue(app.env().redis(), prefix, 1);
        long queuedBefore = four.depth();
        send(s, 0, 40);
        assertThat(four.depth() - queuedBefore).isEqualTo(400);

        // when a worker runs with 16 shards, and stops while the flaky ones' retries wait in its delayed sets
        Worker withSixteen = worker(sixteen, Duration.ofSeconds(60));
        withSixteen.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> count(s, "attempts >= 1") == 400);
        await().atMost(Duration.ofSeconds(30)).until(() -> leftOf(four, sixteen).isEmpty());
        withSixteen.stop();
        assertThat(sixteen.delayedDepth())
                .as("retries waiting in the 16 shards")
                .isPositive();

        // and 40 more messages are queued in 4 shards, and a worker runs with 1
        send(s, 40, 80);
        Worker withOne = worker(one, Duration.ofSeconds(60));
        withOne.start();
        try {
            // then every delivery succeeds, each reaching its endpoint once (a flaky one twice)
            await().atMost(Duration.ofSeconds(60)).until(() -> count(s, "status = 'succeeded'") == 800);
            assertThat(arrivalCounts("/shards/"))
                    .containsOnlyKeys(1, 2)
                    .containsEntry(1, 400L)
                    .containsEntry(2, 400L);
            // and the shards of 4 and of 16 are gone (but the one that is also the single shard of 1)
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            leftOf(four, one).isEmpty() && leftOf(sixteen, one).isEmpty());
        } finally {
            withOne.stop();
        }
    }

    @Test
    void whatNoWorkerCanFindTheReconcilerDeliversAndTheLeftoversAreHarmless() throws Exception {
        // given the registry of shard counts lost, and 20 messages queued by the 4-shard API server
        Scenario s = Scenario.tenant(app, "unknown");
        receiver.otherwiseAnswer(r -> {
            arrivals.computeIfAbsent(r.path() + " " + r.header("webhook-id"), k -> new AtomicInteger())
                    .incrementAndGet();
            return Answer.status(200);
        });
        for (int i = 0; i < 10; i++) {
            s.endpoint(receiver.url("/unknown/" + i));
        }
        String prefix = app.env().redisPrefix();
        app.env().redis().del(prefix + "queue-shards");
        DeliveryQueue four = new DeliveryQueue(app.env().redis(), prefix, 4);
        send(s, 0, 20);

        // when a worker with 8 shards (none of them one of the 4), which cannot know of the 4, runs
        MetricRegistry metrics = new MetricRegistry();
        DeliveryQueue eight = new DeliveryQueue(app.env().redis(), prefix, 8);
        assertThat(eight.streamKeys()).doesNotContainAnyElementsOf(four.streamKeys());
        Worker worker = new Worker(
                app.env().jdbi(),
                eight,
                new SecretBox(Workers.ENCRYPTION_KEY),
                settings(Duration.ofSeconds(2)),
                metrics);
        worker.start();
        try {
            // then the reconciler puts every delivery on its shard, and each arrives once
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> arrivalCounts("/unknown/").getOrDefault(1, 0L) == 200);
            assertThat(metrics.counter("hookline.reconciler.restored").getCount())
                    .isGreaterThanOrEqualTo(200);
            assertThat(four.depth()).as("entries left in the unknown shards").isEqualTo(200);

            // and when the 4 shards become known again, their entries are found done: none is sent again
            four.ensureGroup();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> leftOf(four, eight).isEmpty());
            assertThat(arrivalCounts("/unknown/")).containsOnlyKeys(1).containsEntry(1, 200L);
        } finally {
            worker.stop();
        }
    }

    /** Messages {@code from} to {@code to - 1}; odd ones are flaky. */
    private static void send(Scenario s, int from, int to) {
        for (int n = from; n < to; n++) {
            s.send("shards.test", n % 2 == 1 ? "{\"n\":" + n + ",\"flaky\":true}" : "{\"n\":" + n + "}");
        }
    }

    private static Worker worker(DeliveryQueue queue, Duration reconcileAfter) {
        return Workers.inProcess(app, settings(reconcileAfter), queue);
    }

    /**
     * Retries 2 s apart, so they wait in a delayed set; the reconciler only after {@code reconcileAfter}; a lease
     * long enough that no delivery outlives it on a loaded machine (the reconciler would send it again).
     */
    private static WorkerSettings settings(Duration reconcileAfter) {
        return Workers.settings()
                .withRetrySchedule(RetrySchedule.parse("0s,2s"))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60))
                .withReconciling(Duration.ofSeconds(1), reconcileAfter);
    }

    /** Deliveries of the scenario's tenant in a state, e.g. {@code count(s, "attempts >= 1")}. */
    private static long count(Scenario s, String condition) {
        return app.env()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM deliveries d JOIN tenants t ON t.id = d.tenant_id"
                                + " WHERE t.uid = :tenant AND " + condition)
                        .bind("tenant", s.tenant())
                        .mapTo(Long.class)
                        .one());
    }

    /** How many (endpoint, message) pairs under a path arrived once, twice, …. */
    private static Map<Integer, Long> arrivalCounts(String pathPrefix) {
        return arrivals.entrySet().stream()
                .filter(e -> e.getKey().startsWith(pathPrefix))
                .collect(Collectors.groupingBy(e -> e.getValue().get(), Collectors.counting()));
    }

    /** The keys of {@code old}'s shards that still exist, but those {@code current} has as well. */
    private static Collection<String> leftOf(DeliveryQueue old, DeliveryQueue current) {
        return old.streamKeys().stream()
                .filter(stream -> !current.streamKeys().contains(stream))
                .flatMap(stream -> List.of(stream, stream.replace(":stream", ":delayed")).stream())
                .filter(key -> app.env().redis().exists(key))
                .toList();
    }
}
