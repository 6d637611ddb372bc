package dev.hookline.worker;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.queue.QueueReader;
import dev.hookline.core.security.SecretBox;
import dev.hookline.worker.delivery.AttemptMaker;
import dev.hookline.worker.delivery.AttemptRecorder;
import dev.hookline.worker.delivery.DeliveryConsumer;
import dev.hookline.worker.delivery.DeliveryMetrics;
import dev.hookline.worker.delivery.DeliverySender;
import dev.hookline.worker.delivery.DeliveryTask;
import dev.hookline.worker.delivery.EndpointGate;
import dev.hookline.worker.delivery.LimitPublisher;
import dev.hookline.worker.delivery.OutboundHttp;
import dev.hookline.worker.delivery.OutcomePolicy;
import dev.hookline.worker.delivery.Reconciler;
import dev.hookline.worker.delivery.RetryScheduler;
import dev.hookline.worker.tracing.Tracing;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery engine, assembled: consumer loop, endpoint gate, HTTP dispatcher, attempt recorder, retry
 * scheduler and reconciler. {@link #start()} and {@link #stop()} are all a host process needs; several workers
 * (threads of one process or separate processes) share one queue.
 */
public final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final WorkerSettings settings;
    private final HttpClient httpClient;
    private final ScheduledExecutorService timers;
    private final Semaphore slots;
    private final AttemptRecorder recorder;
    private final EndpointGate gate;
    private final LimitPublisher limitPublisher;
    /**
     * Consumer loops sharing the queue reader, slots, gate and recorder. A loop spends most of a round waiting for
     * its claim in PostgreSQL (in socket reads, by the profile), so a second one keeps requests going out meanwhile.
     */
    private static final int CONSUMER_LOOPS = 2;

    private final QueueReader reader;
    private final List<DeliveryConsumer> consumers;
    private final RetryScheduler retryScheduler;
    private final Reconciler reconciler;

    public Worker(
            Jdbi jdbi, DeliveryQueue queue, SecretBox secretBox, WorkerSettings settings, MetricRegistry metrics) {
        this(jdbi, queue, secretBox, settings, metrics, Clock.systemUTC());
    }

    public Worker(
            Jdbi jdbi,
            DeliveryQueue queue,
            SecretBox secretBox,
            WorkerSettings settings,
            MetricRegistry metrics,
            Clock clock) {
        this(jdbi, queue, secretBox, settings, metrics, DeliveryMetrics.create(), clock);
    }

    /**
     * @param metrics          the Dropwizard registry of the worker's gauges, meters and timers
     * @param deliveryMetrics  the attempts' Prometheus counters and histograms
     */
    public Worker(
            Jdbi jdbi,
            DeliveryQueue queue,
            SecretBox secretBox,
            WorkerSettings settings,
            MetricRegistry metrics,
            DeliveryMetrics deliveryMetrics,
            Clock clock) {
        this(jdbi, queue, secretBox, settings, metrics, deliveryMetrics, Tracing.off(), clock);
    }

    /** @param tracing the spans of each attempt ({@link Tracing#off()} for none) */
    public Worker(
            Jdbi jdbi,
            DeliveryQueue queue,
            SecretBox secretBox,
            WorkerSettings settings,
            MetricRegistry metrics,
            DeliveryMetrics deliveryMetrics,
            Tracing tracing,
            Clock clock) {
        Objects.requireNonNull(jdbi, "jdbi == null");
        Objects.requireNonNull(queue, "queue == null");
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.httpClient = OutboundHttp.client(settings);
        this.timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "worker-timer");
            t.setDaemon(true);
            return t;
        });
        this.slots = new Semaphore(settings.maxInFlight());
        this.recorder = new AttemptRecorder(jdbi, queue, clock, settings.disableAfter(), slots::release, metrics);
        DeliverySender sender = new DeliverySender(
                new AttemptMaker(httpClient, secretBox, settings), recorder, settings, clock, metrics, deliveryMetrics);
        this.gate = new EndpointGate(
                settings.perEndpointInFlight(), longestLine(settings), sender::send, recorder::parkTask, timers);
        this.limitPublisher = new LimitPublisher(gate, queue.endpointLimits(), clock);
        String consumerName = ManagementFactory.getRuntimeMXBean().getName() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        this.reader = queue.reader(consumerName, settings.batchSize(), settings.lease());
        List<DeliveryConsumer> loops = new java.util.ArrayList<>();
        for (int i = 0; i < CONSUMER_LOOPS; i++) {
            loops.add(new DeliveryConsumer(jdbi, queue, reader, recorder, gate, slots, settings, clock, tracing));
        }
        this.consumers = List.copyOf(loops);
        recorder.onEndpointDisabled(endpointId -> gate.discard(endpointId)
                .forEach(task -> recorder.recordAttempt(task, null, OutcomePolicy.endpointDisabled(task.job()))));
        this.retryScheduler = new RetryScheduler(queue, clock);
        this.reconciler = new Reconciler(jdbi, queue, clock, settings.reconcileAfter(), metrics);

        metrics.register(
                "hookline.worker.in-flight", (Gauge<Integer>) () -> settings.maxInFlight() - slots.availablePermits());
        metrics.register("hookline.worker.waiting-for-endpoint", (Gauge<Integer>) gate::waiting);
        metrics.register("hookline.worker.waiting-to-record", (Gauge<Integer>) recorder::backlog);
        metrics.register("hookline.worker.read-ahead", (Gauge<Integer>) reader::buffered);
        metrics.register("hookline.queue.depth", new CachedDepth(queue::depth));
        metrics.register("hookline.queue.due-retries", new CachedDepth(queue::delayedDepth));
    }

    /**
     * The longest line one endpoint may have in the worker: four times the ceiling (800 with the default 200), but
     * at most half the worker's slots (500 of 1000), so an endpoint whose limit has grown to the ceiling still
     * leaves the other half of the slots to other endpoints. A lane's own line is four times its current limit
     * (see {@link EndpointGate}), so a dead endpoint, cut to a limit of 1, holds at most 81 slots.
     */
    static int longestLine(WorkerSettings settings) {
        return (int) Math.max(1, Math.min(4L * settings.perEndpointInFlight(), settings.maxInFlight() / 2));
    }

    public void start() throws Exception {
        httpClient.start();
        recorder.start();
        reader.start();
        for (DeliveryConsumer consumer : consumers) {
            consumer.start();
        }
        timers.scheduleWithFixedDelay(retryScheduler, 0, 100, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(limitPublisher, 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(
                reconciler,
                settings.reconcileInterval().toMillis(),
                settings.reconcileInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info(
                "delivery worker started: {} in flight at most, up to {} per endpoint, retry schedule {}",
                settings.maxInFlight(),
                settings.perEndpointInFlight(),
                settings.retrySchedule().delays());
    }

    /**
     * Graceful stop: take no new work, let requests in flight finish and be recorded until the grace deadline,
     * and hand back (unsent) whatever waited for its endpoint.
     */
    public void stop() throws Exception {
        List<DeliveryTask> waiting = gate.close(); // first, so a finishing request does not start the next one
        waiting.forEach(recorder::parkTask);
        for (DeliveryConsumer consumer : consumers) {
            consumer.stopTaking(); // what it still claims goes through the closed gate: parked
        }
        reader.close(); // what was read but not claimed goes back on the queue for other workers
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (slots.availablePermits() < settings.maxInFlight() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        recorder.stop(java.time.Duration.ofSeconds(5));
        timers.shutdownNow();
        limitPublisher.forgetAll();
        httpClient.stop();
        LOG.info("delivery worker stopped");
    }

    /** Queue depth read at most once a second, so a metrics scrape never floods Redis. */
    private static final class CachedDepth implements Gauge<Long> {
        private final java.util.function.LongSupplier source;
        private long value;
        private long readAt;

        CachedDepth(java.util.function.LongSupplier source) {
            this.source = source;
        }

        @Override
        public synchronized Long getValue() {
            long now = System.nanoTime();
            if (now - readAt > 1_000_000_000L || readAt == 0) {
                try {
                    value = source.getAsLong();
                } catch (RuntimeException e) {
                    value = -1;
                }
                readAt = now;
            }
            return value;
        }
    }
}
