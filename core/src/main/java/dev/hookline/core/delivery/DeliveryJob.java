package dev.hookline.core.delivery;

import java.time.Instant;
import java.util.Map;

/**
 * A delivery claimed by a worker, with everything needed to send it: the message bytes, the endpoint's URL and
 * custom headers. {@code attemptNumber} is the number this attempt will carry (1 for the first).
 */
public record DeliveryJob(
        String deliveryId,
        String tenantId,
        String messageId,
        String endpointId,
        int attemptNumber,
        String eventType,
        byte[] payload,
        Instant messageCreatedAt,
        String url,
        Map<String, String> headers,
        Integer rateLimit,
        boolean endpointDisabled) {
    public DeliveryJob {
        headers = Map.copyOf(headers);
    }
}
