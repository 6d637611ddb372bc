package dev.hookline.server.metrics;

import com.codahale.metrics.MetricRegistry;
import dev.hookline.core.endpoints.EndpointHealthDao;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.server.messages.SendIntake;
import dev.hookline.worker.delivery.DeliveryMetrics;
import io.dropwizard.core.setup.AdminEnvironment;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * One application's Prometheus registry and its exposition at {@value #PATH} on the admin port, in the text format
 * (or OpenMetrics, when the scraper asks for it). It holds:
 * <ul>
 *   <li>every Dropwizard metric of the application (the worker's gauges and meters, the connection pools', Jetty's),
 *       bridged under its Dropwizard name with dots and dashes as underscores, except Dropwizard's {@code jvm.*}
 *       set, which the Prometheus client's JVM metrics replace (all but the threads': {@link #registerJvmMetrics});
 *   <li>the delivery path's counters and histograms ({@link DeliveryMetrics}) and the messages accepted;
 *   <li>per-shard queue gauges and the endpoints disabled and failing, each read at most once per
 *       {@link #QUEUE_READ_EVERY} or {@link #ENDPOINTS_READ_EVERY}, so a scrape never floods Redis or PostgreSQL.
 * </ul>
 * No label holds a tenant, endpoint or message id: the number of series stays bounded (docs/operations/metrics.md).
 */
public final class PrometheusMetrics {
    public static final String PATH = "/metrics/prometheus";
    static final Duration QUEUE_READ_EVERY = Duration.ofSeconds(1);
    static final Duration ENDPOINTS_READ_EVERY = Duration.ofSeconds(15);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final DeliveryMetrics delivery = DeliveryMetrics.create().registerIn(registry);
    private final Counter messagesAccepted = SendIntake.acceptedCounter();

    public PrometheusMetrics(MetricRegistry dropwizard) {
        registerJvmMetrics(registry);
        registry.register(new DropwizardBridge(
                dropwizard, (name, metric) -> !name.startsWith("jvm.") || name.startsWith("jvm.threads.")));
        registry.register(messagesAccepted);
    }

    /**
     * The Prometheus client's JVM metrics except its threads' ({@code JvmThreadsMetrics}), which look for deadlocks on
     * every scrape, a stop-the-world pause ({@code DeadlockWatch}): the thread counts are read here without that, and
     * the deadlock count is Dropwizard's {@code jvm.threads.deadlock.count}, read at most once a minute.
     */
    private static void registerJvmMetrics(PrometheusRegistry registry) {
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryPoolAllocationMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        GaugeWithCallback.builder()
                .name("jvm_threads_current")
                .help("Current thread count of the JVM")
                .callback(callback -> callback.call(threads.getThreadCount()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("jvm_threads_daemon")
                .help("Daemon thread count of the JVM")
                .callback(callback -> callback.call(threads.getDaemonThreadCount()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("jvm_threads_peak")
                .help("Peak thread count of the JVM")
                .callback(callback -> callback.call(threads.getPeakThreadCount()))
                .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The worker's attempt counters and histograms, exported here. */
    public DeliveryMetrics delivery() {
        return delivery;
    }

    /** The API's count of messages accepted, exported here. */
    public Counter messagesAccepted() {
        return messagesAccepted;
    }

    /** Exports the depth of each of {@code queue}'s shards, its delayed retries, and its oldest due entry's age. */
    public void watchQueue(DeliveryQueue queue, Clock clock) {
        Cached<List<DeliveryQueue.ShardStats>> cached =
                new Cached<>(() -> queue.shardStats(clock.millis()), QUEUE_READ_EVERY);
        Supplier<List<DeliveryQueue.ShardStats>> stats = () -> {
            List<DeliveryQueue.ShardStats> now = cached.get();
            return now == null ? List.of() : now;
        };
        GaugeWithCallback.builder()
                .name("hookline_queue_shard_depth")
                .help("Entries on a queue shard's stream not yet acknowledged (read or unread)")
                .labelNames("shard")
                .callback(callback -> stats.get().forEach(s -> callback.call(s.depth(), Integer.toString(s.shard()))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("hookline_queue_shard_delayed")
                .help("Retries waiting in a queue shard's delayed set for their due time")
                .labelNames("shard")
                .callback(callback -> stats.get().forEach(s -> callback.call(s.delayed(), Integer.toString(s.shard()))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("hookline_queue_oldest_due_age_seconds")
                .help("How long a queue shard's oldest due entry has waited (0 when nothing is due)")
                .unit(Unit.SECONDS)
                .labelNames("shard")
                .callback(callback -> {
                    long now = clock.millis();
                    stats.get()
                            .forEach(s -> callback.call(
                                    s.oldestDueSinceMillis() == 0
                                            ? 0
                                            : Math.max(0, now - s.oldestDueSinceMillis()) / 1000.0,
                                    Integer.toString(s.shard())));
                })
                .register(registry);
    }

    /** Exports how many endpoints, over all tenants, are disabled and how many are failing. */
    public void watchEndpoints(Jdbi jdbi) {
        Cached<EndpointHealthDao.Counts> counts = new Cached<>(
                () -> jdbi.withExtension(EndpointHealthDao.class, EndpointHealthDao::counts), ENDPOINTS_READ_EVERY);
        GaugeWithCallback.builder()
                .name("hookline_endpoints")
                .help("Endpoints over all tenants that are disabled, or enabled and failing (no 2xx since their"
                        + " first failure)")
                .labelNames("state")
                .callback(callback -> {
                    EndpointHealthDao.Counts now = counts.get();
                    if (now != null) {
                        callback.call(now.disabled(), "disabled");
                        callback.call(now.failing(), "failing");
                    }
                })
                .register(registry);
    }

    /** Serves the exposition at {@value #PATH} on the admin port. */
    public void serveOn(AdminEnvironment admin) {
        admin.addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(PATH);
    }

    /**
     * A value read at most once per {@code every}; null while its source fails, and the gauges then have no sample
     * rather than a stale one (an alert on {@code absent()} sees that).
     */
    private static final class Cached<T> {
        private final Supplier<T> source;
        private final long everyNanos;
        private T value;
        private long readAt;
        private boolean read;

        Cached(Supplier<T> source, Duration every) {
            this.source = source;
            this.everyNanos = every.toNanos();
        }

        synchronized T get() {
            long now = System.nanoTime();
            if (!read || now - readAt >= everyNanos) {
                read = true;
                readAt = now;
                try {
                    value = source.get();
                } catch (RuntimeException e) {
                    value = null;
                }
            }
            return value;
        }
    }
}
