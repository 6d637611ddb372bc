package dev.hookline.worker.delivery;

import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.queue.QueueEntry;

/**
 * A claimed delivery on its way through the worker: the job to send (with its secrets) and the queue entry that
 * brought it, acknowledged once the attempt's outcome is committed.
 */
public record DeliveryTask(QueueEntry entry, DeliveryJob job) {}
