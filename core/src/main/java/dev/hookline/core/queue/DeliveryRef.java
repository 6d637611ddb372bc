package dev.hookline.core.queue;

import java.util.Objects;

/** A delivery to put on the queue, and the endpoint it goes to, which decides its shard. */
public record DeliveryRef(String deliveryId, String endpointId) {
    public DeliveryRef {
        Objects.requireNonNull(deliveryId, "deliveryId == null");
        Objects.requireNonNull(endpointId, "endpointId == null");
    }
}
