package dev.hookline.worker.delivery;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import dev.hookline.core.delivery.DeliveryDao;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.queue.DeliveryRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts back on the queue every delivery PostgreSQL says is overdue and unclaimed: one whose id was lost between
 * commit and push, with Redis's data, in a failover, or in a queue shard no worker reads (an API server still
 * running with another shard count). Re-enqueueing something still queued is harmless: the claim in PostgreSQL
 * lets only one copy through. Each round also has the queue look for retired shards to drain
 * ({@link DeliveryQueue#ensureGroup()}).
 */
public final class Reconciler implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final int BATCH = 1000;

    private final Jdbi jdbi;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final Duration overdueBy;
    private final Counter restored;

    public Reconciler(Jdbi jdbi, DeliveryQueue queue, Clock clock, Duration overdueBy, MetricRegistry metrics) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.clock = clock;
        this.overdueBy = overdueBy;
        this.restored = metrics.counter("hookline.reconciler.restored");
    }

    @Override
    public void run() {
        try {
            queue.ensureGroup();
            Instant now = clock.instant();
            List<DeliveryRef> lost =
                    jdbi.withHandle(h -> h.attach(DeliveryDao.class).overdue(now.minus(overdueBy), now, BATCH));
            if (!lost.isEmpty()) {
                queue.enqueue(lost);
                restored.inc(lost.size());
                LOG.info("re-enqueued {} overdue deliveries", lost.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("reconciler round failed: {}", e.toString());
        }
    }
}
