package dev.hookline.worker.delivery;

import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.endpoints.StoredSecret;
import dev.hookline.core.queue.QueueEntry;
import java.util.List;

/** A claimed delivery on its way through the worker: the queue entry to acknowledge, the job, its secrets. */
public record DeliveryTask(QueueEntry entry, DeliveryJob job, List<StoredSecret> secrets) {
    public DeliveryTask {
        secrets = List.copyOf(secrets);
    }
}
