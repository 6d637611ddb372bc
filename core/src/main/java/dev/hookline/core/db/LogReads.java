package dev.hookline.core.db;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides where the delivery log's read-only queries run: on a streaming replica when one is
 * configured ({@code HOOKLINE_DATABASE_READ_URL}), else on the primary. Writes, the worker, authentication and
 * endpoint settings never come here; they stay on the primary.
 *
 * <ul>
 *   <li>{@link #mayLag}: lists, stats, charts. A replica is behind the primary by its replication lag (usually
 *       milliseconds), so a row just written may be missing from a page for that long.
 *   <li>{@link #byId}: one row by id that the caller may have just created (a message it sent, the attempt a
 *       resend answered with). The replica answers; when it has no such row, the primary does, so what the API
 *       handed out can always be fetched.
 * </ul>
 *
 * A replica that cannot be reached (stopped, restarting, out of connections) is not an outage: the query runs on
 * the primary, and the replica is left alone for {@code retryAfter} before the next query tries it again. A query a
 * hot standby cancels for a conflict with recovery runs again on the primary too.
 */
public final class LogReads {
    private static final Logger LOG = LoggerFactory.getLogger(LogReads.class);

    private final Jdbi primary;
    private final Jdbi replica;
    private final long retryAfterNanos;
    private final LongSupplier nanoTime;
    private final LongAdder fallbacks = new LongAdder();
    private volatile long replicaDownUntil;
    private volatile boolean replicaDown;

    private LogReads(Jdbi primary, Jdbi replica, Duration retryAfter, LongSupplier nanoTime) {
        this.primary = Objects.requireNonNull(primary, "primary == null");
        this.replica = replica;
        this.retryAfterNanos = retryAfter.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Everything on the primary: no replica configured. */
    public static LogReads primaryOnly(Jdbi primary) {
        return new LogReads(primary, null, Duration.ZERO, System::nanoTime);
    }

    /** Log reads on {@code replica}; on the primary for {@code retryAfter} after the replica could not be reached. */
    public static LogReads withReplica(Jdbi primary, Jdbi replica, Duration retryAfter) {
        return new LogReads(primary, Objects.requireNonNull(replica, "replica == null"), retryAfter, System::nanoTime);
    }

    /** A list, a page, statistics: may lag behind the primary by the replica's replication lag. */
    public <R> R mayLag(HandleCallback<R, RuntimeException> query) {
        if (!useReplica()) {
            return primary.withHandle(query);
        }
        try {
            R result = replica.withHandle(query);
            replicaAnswered();
            return result;
        } catch (RuntimeException e) {
            if (!fallBack(e)) {
                throw e;
            }
            return primary.withHandle(query);
        }
    }

    /** One row by id, which the caller may have just written: the replica's, or the primary's if it has none. */
    public <R> Optional<R> byId(HandleCallback<Optional<R>, RuntimeException> query) {
        Optional<R> found = mayLag(query);
        if (found.isPresent() || !useReplica()) {
            return found;
        }
        return primary.withHandle(query);
    }

    /** Whether a replica is configured. */
    public boolean hasReplica() {
        return replica != null;
    }

    /** Whether log reads go to the replica now: one is configured and was reachable at its last try. */
    public boolean replicaInUse() {
        return useReplica();
    }

    /** Queries that ran on the primary because the replica could not answer them, since start. */
    public long fallbacks() {
        return fallbacks.sum();
    }

    private boolean useReplica() {
        return replica != null && (!replicaDown || nanoTime.getAsLong() - replicaDownUntil >= 0);
    }

    /** Whether to run the query again on the primary; marks the replica down if it could not be reached. */
    private boolean fallBack(RuntimeException e) {
        if (DatabaseErrors.unavailable(e)) {
            fallbacks.increment();
            replicaDownUntil = nanoTime.getAsLong() + retryAfterNanos;
            if (!replicaDown) {
                LOG.warn(
                        "read replica unavailable, reading the log from the primary (trying the replica again every"
                                + " {} s): {}",
                        retryAfterNanos / 1_000_000_000L,
                        e.toString());
            }
            replicaDown = true;
            return true;
        }
        if (DatabaseErrors.cancelledByRecovery(e)) {
            fallbacks.increment();
            return true;
        }
        return false;
    }

    /** Called after a query on the replica succeeded: it is up again. */
    private void replicaAnswered() {
        if (replicaDown) {
            replicaDown = false;
            LOG.info("read replica answering again; reading the log from it");
        }
    }
}
