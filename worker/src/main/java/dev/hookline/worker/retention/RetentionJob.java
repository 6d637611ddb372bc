package dev.hookline.worker.retention;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import dev.hookline.core.delivery.DeliveryDao;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.messages.MessageDao;
import dev.hookline.core.retention.PartitionDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the database small: creates the coming weeks' partitions of {@code attempts} and {@code messages}, drops
 * the weeks past retention (DROP TABLE, not DELETE: no dead rows, no vacuum debt), expires payloads older than
 * their retention, and deletes the settled deliveries of expired messages. Every worker runs it; an advisory
 * lock lets one at a time do the partition work, and a lock timeout keeps a DROP from queueing behind long reads.
 */
public final class RetentionJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private static final int BATCH = 5_000;
    private static final Duration WEEK = Duration.ofDays(7);

    /** What one round did. */
    public record Report(
            int partitionsCreated, List<String> partitionsDropped, int payloadsExpired, int deliveriesDeleted) {}

    private final Jdbi jdbi;
    private final RetentionSettings settings;
    private final Clock clock;
    private final Counter dropped;
    private final Counter expired;
    private ScheduledExecutorService timer;

    public RetentionJob(Jdbi jdbi, RetentionSettings settings, Clock clock, MetricRegistry metrics) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.dropped = metrics.counter("hookline.retention.partitions-dropped");
        this.expired = metrics.counter("hookline.retention.payloads-expired");
    }

    /** Runs now, then every {@code interval}, on its own thread. */
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention-job");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() throws InterruptedException {
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void run() {
        try {
            Report report = runOnce();
            if (report.partitionsCreated() > 0
                    || !report.partitionsDropped().isEmpty()
                    || report.payloadsExpired() > 0
                    || report.deliveriesDeleted() > 0) {
                LOG.info(
                        "retention: {} partitions created, dropped {}, {} payloads expired, {} deliveries deleted",
                        report.partitionsCreated(),
                        report.partitionsDropped(),
                        report.payloadsExpired(),
                        report.deliveriesDeleted());
            }
        } catch (RuntimeException e) {
            LOG.warn("retention round failed, trying again in {}: {}", settings.interval(), e.toString());
        }
    }

    /** One round, at the clock's current time. */
    public Report runOnce() {
        Instant now = clock.instant();
        Report partitions = jdbi.inTransaction(h -> {
            if (!h.createQuery("SELECT pg_try_advisory_xact_lock(hashtext('hookline-retention'))")
                    .mapTo(Boolean.class)
                    .one()) {
                return new Report(0, List.of(), 0, 0); // another worker is at it
            }
            h.execute("SET LOCAL lock_timeout = '5s'");
            PartitionDao dao = h.attach(PartitionDao.class);
            Instant ahead = now.plus(WEEK.multipliedBy(settings.weeksAhead()));
            int created = dao.ensure(PartitionDao.ATTEMPTS, now, ahead) + dao.ensure(PartitionDao.MESSAGES, now, ahead);
            List<String> gone =
                    new ArrayList<>(dao.dropOlderThan(PartitionDao.ATTEMPTS, now.minus(settings.attempts())));
            gone.addAll(dao.dropOlderThan(PartitionDao.MESSAGES, now.minus(settings.messages())));
            return new Report(created, gone, 0, 0);
        });
        dropped.inc(partitions.partitionsDropped().size());
        int payloads = drain(() ->
                jdbi.withExtension(MessageDao.class, dao -> dao.expirePayloads(now.minus(settings.payloads()), BATCH)));
        expired.inc(payloads);
        int deliveries = drain(() -> jdbi.withExtension(
                DeliveryDao.class,
                dao -> dao.deleteSettledBefore(
                        Ids.floor(Ids.DELIVERY, now.minus(settings.messages()).toEpochMilli()), BATCH)));
        return new Report(partitions.partitionsCreated(), partitions.partitionsDropped(), payloads, deliveries);
    }

    /** Repeats a batched statement until a batch comes back short; small transactions keep locks brief. */
    private static int drain(java.util.function.IntSupplier batch) {
        int total = 0;
        int n;
        do {
            n = batch.getAsInt();
            total += n;
        } while (n == BATCH);
        return total;
    }
}
