package dev.hookline.core.delivery;

import java.time.Instant;

/** The new state of a delivery after an attempt, written in batches by {@link DeliverySql#record}. */
public record DeliveryOutcome(
        String deliveryId,
        DeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        Integer lastStatusCode,
        String lastError) {
    public String statusName() {
        return status.wire();
    }
}
