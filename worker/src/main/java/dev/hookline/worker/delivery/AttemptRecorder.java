package dev.hookline.worker.delivery;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.hookline.core.attempts.AttemptRow;
import dev.hookline.core.delivery.DeliveryDao;
import dev.hookline.core.delivery.DeliveryOutcome;
import dev.hookline.core.delivery.DeliverySql;
import dev.hookline.core.delivery.DeliveryStatus;
import dev.hookline.core.endpoints.EndpointDao;
import dev.hookline.core.operational.OperationalEvents;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.queue.DeliveryRef;
import dev.hookline.core.queue.QueueEntry;
import dev.hookline.core.tenants.OperatorTenant;
import dev.hookline.sdk.model.EndpointDisabledEventData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempt-log writer. Finished attempts are gathered and written in one transaction per batch (attempt rows,
 * delivery states, endpoint health); only after the commit are their queue entries acknowledged and their
 * retries scheduled in Redis. If PostgreSQL is unavailable the batch is kept and tried again, and nothing is
 * acknowledged, so a crash at any point loses no delivery. The commit does not wait for the WAL flush
 * ({@code DeliverySql.record}): a crash of PostgreSQL itself can lose the last moments' attempts and outcomes,
 * and the reconciler then has those deliveries sent again.
 * <p>
 * A batch that changes what the operator is told of (an endpoint disabled, a delivery failing, exhausted or
 * recovered: {@link OperationalEvents}) writes those events in the same transaction, and queues their deliveries
 * after the commit like the retries.
 */
public final class AttemptRecorder implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptRecorder.class);
    private static final int MAX_BATCH = 500;
    private static final Duration PARK_DELAY = Duration.ofSeconds(1);

    /** One thing to record: an attempt that was made, or a task handed back unsent ({@code parked}). */
    record Item(DeliveryTask task, AttemptRow attempt, OutcomePolicy.Decision decision, boolean parked) {}

    private final Jdbi jdbi;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final Duration disableAfter;
    private final IntConsumer onReleased;
    private volatile Consumer<String> onEndpointDisabled = id -> {};
    private final LinkedBlockingQueue<Item> pending = new LinkedBlockingQueue<>();
    private final Meter succeeded;
    private final Meter failed;
    private final Meter retrying;
    private final Histogram endToEndMillis;
    private volatile boolean running = true;
    private volatile Thread thread;

    public AttemptRecorder(
            Jdbi jdbi,
            DeliveryQueue queue,
            Clock clock,
            Duration disableAfter,
            IntConsumer onReleased,
            MetricRegistry metrics) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.clock = clock;
        this.disableAfter = disableAfter;
        this.onReleased = onReleased;
        this.succeeded = metrics.meter("hookline.deliveries.succeeded");
        this.failed = metrics.meter("hookline.deliveries.failed");
        this.retrying = metrics.meter("hookline.deliveries.retrying");
        this.endToEndMillis = metrics.histogram("hookline.deliveries.end-to-end-ms");
    }

    /** Told (after the commit) of every endpoint this recorder disabled, to drop work still waiting for it. */
    public void onEndpointDisabled(Consumer<String> listener) {
        this.onEndpointDisabled = listener;
    }

    public void recordAttempt(DeliveryTask task, AttemptRow attempt, OutcomePolicy.Decision decision) {
        pending.add(new Item(task, attempt, decision, false));
    }

    public void parkTask(DeliveryTask task) {
        pending.add(new Item(task, null, null, true));
    }

    public int backlog() {
        return pending.size();
    }

    public void start() {
        thread = new Thread(this, "attempt-recorder");
        thread.start();
    }

    /** Stops after everything already handed over is written (or {@code deadline} passes). */
    public void stop(Duration deadline) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        running = false;
        if (thread != null) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())) + 1000);
        }
    }

    @Override
    public void run() {
        List<Item> batch = new ArrayList<>();
        // A failed round keeps its batch: nothing was acknowledged, so nothing is lost while PostgreSQL is away.
        Backoff backoff = new Backoff(LOG, () -> "could not record " + batch.size() + " attempts");
        Backoff.Round round = () -> recordRound(batch);
        try {
            while (running || !pending.isEmpty()) {
                if (!backoff.run(round) && !running) {
                    return; // stopping while PostgreSQL is away: the unacknowledged entries are reclaimed later
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records {@code batch}, a failed round's, or else the next batch waiting (if one comes within 50 ms). */
    private void recordRound(List<Item> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            Item first = pending.poll(50, TimeUnit.MILLISECONDS);
            if (first == null) {
                return;
            }
            batch.add(first);
            pending.drainTo(batch, MAX_BATCH - 1);
        }
        Instant now = clock.instant();
        Writes writes = collect(batch);
        Written written = write(writes, now);
        afterCommit(batch, written, now);
        batch.clear();
    }

    /**
     * What one batch writes: the attempts made, every delivery's outcome, the deliveries parked unsent, the
     * endpoints that answered 2xx ({@code healthy}), only failed ({@code failing}) or must be disabled, with why,
     * and the attempts that may change what the operator is told of a delivery: {@code reportable} (it may have
     * become failing, or recovered) and {@code gaveUp} (it failed for good).
     */
    private record Writes(
            List<AttemptRow> attempts,
            List<DeliveryOutcome> outcomes,
            List<String> parked,
            Set<String> healthy,
            Set<String> failing,
            Map<String, String> disable,
            List<AttemptRow> reportable,
            List<AttemptRow> gaveUp) {
        /** The usual batch: attempts and outcomes only, one statement that is its own transaction. */
        boolean usual() {
            return parked.isEmpty()
                    && failing.isEmpty()
                    && disable.isEmpty()
                    && reportable.isEmpty()
                    && gaveUp.isEmpty();
        }
    }

    /** What a written batch leaves to do after its commit: drop work for disabled endpoints, queue operational events. */
    private record Written(Set<String> disabled, List<DeliveryRef> operational) {}

    /** Sorts a batch into what it writes; an endpoint with a success in the batch is not failing. */
    private static Writes collect(List<Item> batch) {
        List<AttemptRow> attempts = new ArrayList<>();
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        List<String> parked = new ArrayList<>();
        Set<String> healthy = new LinkedHashSet<>();
        Set<String> failing = new LinkedHashSet<>();
        Map<String, String> disable = new HashMap<>();
        Map<String, AttemptRow> reportable = new LinkedHashMap<>();
        Map<String, AttemptRow> gaveUp = new LinkedHashMap<>();
        for (Item item : batch) {
            if (item.parked()) {
                parked.add(item.task().job().deliveryId());
                continue;
            }
            if (item.attempt() != null) {
                attempts.add(item.attempt());
                (item.decision().outcome().status() == DeliveryStatus.SUCCEEDED ? healthy : failing)
                        .add(item.task().job().endpointId());
                if (!OperatorTenant.is(item.task().job().tenantId())) {
                    sortReportable(item, reportable, gaveUp);
                }
            }
            outcomes.add(item.decision().outcome());
            if (item.decision().disableEndpointReason() != null) {
                disable.put(item.task().job().endpointId(), item.decision().disableEndpointReason());
            }
        }
        failing.removeAll(healthy);
        return new Writes(
                attempts,
                outcomes,
                parked,
                healthy,
                failing,
                disable,
                List.copyOf(reportable.values()),
                List.copyOf(gaveUp.values()));
    }

    /**
     * Whether an attempt can change what the operator is told (checked here so the usual batch stays one statement):
     * a failure that brings the delivery's attempts to {@link OperationalEvents#FAILING_AFTER} or beyond, a success
     * after that many (a delivery reported failing has failed that often), and a failure for good, unless it
     * disables the endpoint ({@code 410 Gone}: {@code endpoint.disabled} says it).
     */
    private static void sortReportable(Item item, Map<String, AttemptRow> reportable, Map<String, AttemptRow> gaveUp) {
        DeliveryOutcome outcome = item.decision().outcome();
        boolean succeeded = outcome.status() == DeliveryStatus.SUCCEEDED;
        if (succeeded
                ? outcome.attempts() > OperationalEvents.FAILING_AFTER
                : outcome.attempts() >= OperationalEvents.FAILING_AFTER) {
            reportable.put(outcome.deliveryId(), item.attempt());
        }
        if (outcome.status() == DeliveryStatus.FAILED && item.decision().disableEndpointReason() == null) {
            gaveUp.put(outcome.deliveryId(), item.attempt());
        }
    }

    /** Writes a batch in one transaction; answers the endpoints it disabled and the operational events' deliveries. */
    private Written write(Writes writes, Instant now) {
        Set<String> disabled = new LinkedHashSet<>();
        List<DeliveryRef> operational = new ArrayList<>();
        HandleConsumer<RuntimeException> write = handle -> {
            DeliverySql.record(handle.getConnection(), writes.attempts(), writes.outcomes(), writes.healthy());
            if (writes.usual()) {
                return; // no DAO: attaching one costs more than the usual batch's statement
            }
            DeliveryDao deliveries = handle.attach(DeliveryDao.class);
            if (!writes.parked().isEmpty()) {
                deliveries.release(writes.parked());
            }
            EndpointDao endpoints = handle.attach(EndpointDao.class);
            List<OperationalEvents.Change> changes = new ArrayList<>();
            if (!writes.failing().isEmpty()) {
                List<String> failing = List.copyOf(writes.failing());
                endpoints.markFailing(failing, now);
                String reason = "failed without a success for " + readable(disableAfter);
                for (EndpointDao.Disabled d :
                        endpoints.disableFailingSince(failing, now.minus(disableAfter), reason, now)) {
                    deliveries.failOpenForEndpoint(d.id(), "endpoint disabled: " + reason);
                    disabled.add(d.id());
                    changes.add(disabledEvent(d, reason));
                }
            }
            for (Map.Entry<String, String> e : writes.disable().entrySet()) {
                endpoints
                        .disable(e.getKey(), e.getValue(), now)
                        .ifPresent(d -> changes.add(disabledEvent(d, e.getValue())));
                deliveries.failOpenForEndpoint(e.getKey(), "endpoint disabled: " + e.getValue());
                disabled.add(e.getKey());
            }
            changes.addAll(OperationalEvents.attemptChanges(handle, writes.reportable(), writes.gaveUp()));
            operational.addAll(OperationalEvents.emit(handle, changes, now));
        };
        if (writes.usual()) {
            jdbi.useHandle(write);
        } else {
            jdbi.useTransaction(write);
        }
        return new Written(disabled, operational);
    }

    private static OperationalEvents.Change disabledEvent(EndpointDao.Disabled d, String reason) {
        return OperationalEvents.endpointDisabled(
                d.tenantId(), d.id(), d.uid(), EndpointDisabledEventData.AUTOMATIC, reason, d.failingSince());
    }

    /**
     * Once the batch is committed: drops work waiting for the endpoints it disabled, queues its operational events,
     * acknowledges every queue entry, schedules the retries and the parked deliveries, and frees the batch's slots.
     */
    private void afterCommit(List<Item> batch, Written written, Instant now) {
        written.disabled().forEach(onEndpointDisabled);
        OperationalEvents.enqueue(queue, written.operational());
        Map<DeliveryRef, Long> later = new HashMap<>();
        List<QueueEntry> done = new ArrayList<>(batch.size());
        for (Item item : batch) {
            done.add(item.task().entry());
            DeliveryRef ref = new DeliveryRef(
                    item.task().job().deliveryId(), item.task().job().endpointId());
            if (item.parked()) {
                later.put(ref, now.plus(PARK_DELAY).toEpochMilli());
                item.task().trace().recorded(now, "parked");
            } else {
                DeliveryOutcome outcome = item.decision().outcome();
                item.task().trace().recorded(now, outcome.statusName());
                switch (outcome.status()) {
                    case RETRYING -> {
                        later.put(ref, outcome.nextAttemptAt().toEpochMilli());
                        retrying.mark();
                    }
                    case SUCCEEDED -> {
                        succeeded.mark();
                        endToEndMillis.update(Duration.between(item.task().job().messageCreatedAt(), now)
                                .toMillis());
                    }
                    default -> failed.mark();
                }
            }
        }
        try {
            queue.schedule(later);
            queue.ack(done);
        } catch (RuntimeException e) {
            // Committed already: unacknowledged entries are reclaimed and found done; lost retries are reconciled.
            LOG.warn("recorded {} attempts but could not update Redis: {}", batch.size(), e.toString());
        }
        onReleased.accept(batch.size());
    }

    static String readable(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        return d.toMillis() + " ms";
    }
}
