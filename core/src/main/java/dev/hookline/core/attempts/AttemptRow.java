package dev.hookline.core.attempts;

import java.time.Instant;

/** One row of the append-only attempt log, as the worker writes it. */
public record AttemptRow(String id, String tenantId, String messageId, String endpointId, String deliveryId,
                         String eventType, int attemptNumber, String trigger, String url, String status,
                         Integer responseStatusCode, String responseBody, boolean responseBodyBase64,
                         int durationMs, String error, Instant createdAt) {
}
