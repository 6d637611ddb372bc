package dev.hookline.worker.delivery;

import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.queue.QueueEntry;
import dev.hookline.worker.tracing.DeliveryTrace;
import dev.hookline.worker.tracing.Tracing;
import java.time.Instant;

/**
 * A claimed delivery on its way through the worker: the job to send (with its secrets) and the queue entry that
 * brought it, acknowledged once the attempt's outcome is committed, and the spans of its attempt ({@link DeliveryTrace}).
 */
public record DeliveryTask(QueueEntry entry, DeliveryJob job, DeliveryTrace trace) {
    /** A task whose delivery is not traced and carries no trace context. */
    public DeliveryTask(QueueEntry entry, DeliveryJob job) {
        this(entry, job, Tracing.off().delivery(job, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH));
    }
}
