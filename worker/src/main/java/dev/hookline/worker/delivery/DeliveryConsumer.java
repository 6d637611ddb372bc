package dev.hookline.worker.delivery;

import dev.hookline.core.delivery.DeliveryDao;
import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.delivery.DeliverySql;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.queue.DeliveryRef;
import dev.hookline.core.queue.QueueEntry;
import dev.hookline.core.queue.QueueReader;
import dev.hookline.worker.WorkerSettings;
import dev.hookline.worker.tracing.Tracing;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: takes batches of delivery ids from the {@link QueueReader} (which reads every shard of the
 * Redis queue), claims them in PostgreSQL in one statement (which also returns each endpoint's signing secrets),
 * and hands each, as a {@link DeliveryTask}, to the {@link EndpointGate}, which lets the {@link DeliverySender} make
 * the attempt when its endpoint has room. A round that fails is retried after a {@link Backoff}.
 * A semaphore bounds what one worker holds at once, so memory stays flat however long the queue is; a slot is freed
 * only when the attempt is recorded.
 */
public final class DeliveryConsumer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryConsumer.class);

    private final Jdbi jdbi;
    private final DeliveryQueue queue;
    private final QueueReader reader;
    private final AttemptRecorder recorder;
    private final EndpointGate gate;
    private final WorkerSettings settings;
    private final Clock clock;
    private final Semaphore slots;
    private final Tracing tracing;
    private volatile boolean running = true;
    private volatile Thread thread;

    public DeliveryConsumer(
            Jdbi jdbi,
            DeliveryQueue queue,
            QueueReader reader,
            AttemptRecorder recorder,
            EndpointGate gate,
            Semaphore slots,
            WorkerSettings settings,
            Clock clock,
            Tracing tracing) {
        this.tracing = tracing;
        this.jdbi = jdbi;
        this.queue = queue;
        this.reader = reader;
        this.recorder = recorder;
        this.gate = gate;
        this.settings = settings;
        this.clock = clock;
        this.slots = slots;
    }

    public void start() {
        thread = new Thread(this, "delivery-consumer");
        thread.start();
    }

    /** Stops taking new work; what is in flight is finished by the caller's deadline. */
    public void stopTaking() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(5_000);
        }
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff(LOG, () -> "delivery consumer failed a round");
        Backoff.Round round = this::round;
        try {
            while (running) {
                backoff.run(round);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes as many entries as there are free slots, up to a batch, claims them and hands them on. */
    private void round() throws InterruptedException {
        if (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
            return;
        }
        int held = 1; // slots this round holds until process() hands them on
        try {
            int free = slots.availablePermits() + 1;
            int want = Math.min(settings.batchSize(), free);
            List<QueueEntry> entries = reader.read(want, 500);
            if (entries.isEmpty()) {
                return;
            }
            if (entries.size() > 1 && !slots.tryAcquire(entries.size() - 1, 5, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "slot accounting broke: " + entries.size() + " entries, " + free + " slots");
            }
            held = 0; // process() releases or hands on every slot, also when it throws
            process(entries);
        } finally {
            if (held > 0) {
                slots.release(held);
            }
        }
    }

    private void process(List<QueueEntry> entries) {
        Instant now = clock.instant();
        Map<String, QueueEntry> byDelivery = new LinkedHashMap<>();
        List<QueueEntry> stale = new ArrayList<>();
        for (QueueEntry entry : entries) {
            if (byDelivery.putIfAbsent(entry.deliveryId(), entry) != null) {
                stale.add(entry);
            }
        }
        List<DeliveryJob> jobs;
        try {
            // one round trip: the claim (its own transaction) with each endpoint's secrets
            jobs = jdbi.withHandle(h -> DeliverySql.claim(
                    h.getConnection(),
                    byDelivery.keySet().toArray(String[]::new),
                    now.plus(settings.lease()),
                    now.plusSeconds(1),
                    now));
        } catch (RuntimeException e) {
            // Not claimed: leave the entries unacknowledged; they are reclaimed after the lease.
            slots.release(entries.size());
            throw e;
        }
        Instant claimedAt = clock.instant();
        Set<String> claimed = new HashSet<>();
        jobs.forEach(job -> claimed.add(job.deliveryId()));
        for (Map.Entry<String, QueueEntry> e : byDelivery.entrySet()) {
            if (!claimed.contains(e.getKey())) {
                stale.add(e.getValue()); // done already, not yet due, or another worker holds it
            }
        }
        if (!stale.isEmpty()) {
            try {
                recheckLater(stale);
                queue.ack(stale);
            } catch (RuntimeException e) {
                // Unacknowledged, they come back after the lease: the claimed ones below must go out regardless.
                LOG.warn("could not set aside {} unclaimable entries: {}", stale.size(), e.toString());
            } finally {
                slots.release(stale.size());
            }
        }
        for (DeliveryJob job : jobs) {
            QueueEntry entry = byDelivery.get(job.deliveryId());
            DeliveryTask task = new DeliveryTask(
                    entry,
                    job,
                    tracing.delivery(job, Instant.ofEpochMilli(entry.entryId().getTime()), now, claimedAt));
            if (job.endpointDisabled()) {
                recorder.recordAttempt(task, null, OutcomePolicy.endpointDisabled(job));
            } else {
                gate.submit(task);
            }
        }
    }

    /**
     * Entries whose delivery is still open but was not claimable (another worker's lease, not yet due) go to the
     * delayed set for when that changes, so acknowledging them never leaves an open delivery to the reconciler
     * alone: an entry reclaimed from a dead consumer just before its lease ran out is the usual case.
     */
    private void recheckLater(List<QueueEntry> stale) {
        List<String> ids = stale.stream().map(QueueEntry::deliveryId).distinct().toList();
        List<DeliveryDao.Recheck> recheck =
                jdbi.withHandle(h -> h.attach(DeliveryDao.class).recheckTimes(ids.toArray(String[]::new)));
        Map<DeliveryRef, Long> dueAt = new HashMap<>();
        recheck.forEach(r ->
                dueAt.put(new DeliveryRef(r.id(), r.endpointId()), r.recheckAt().toEpochMilli()));
        queue.schedule(dueAt);
    }
}
