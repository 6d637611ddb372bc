package dev.hookline.core.attempts;

import java.time.Instant;

/**
 * One row of the append-only attempt log, as the worker writes it. {@code requestHeadersJson} is a JSON object of
 * the headers sent, already redacted by {@link SentHeaders} (null when none were sent).
 */
public record AttemptRow(
        String id,
        String tenantId,
        String messageId,
        String endpointId,
        String deliveryId,
        String eventType,
        int attemptNumber,
        String trigger,
        String url,
        String status,
        Integer responseStatusCode,
        String responseBody,
        boolean responseBodyBase64,
        int durationMs,
        String error,
        Instant createdAt,
        String requestHeadersJson) {

    /** A row without recorded request headers. */
    public AttemptRow(
            String id,
            String tenantId,
            String messageId,
            String endpointId,
            String deliveryId,
            String eventType,
            int attemptNumber,
            String trigger,
            String url,
            String status,
            Integer responseStatusCode,
            String responseBody,
            boolean responseBodyBase64,
            int durationMs,
            String error,
            Instant createdAt) {
        this(
                id,
                tenantId,
                messageId,
                endpointId,
                deliveryId,
                eventType,
                attemptNumber,
                trigger,
                url,
                status,
                responseStatusCode,
                responseBody,
                responseBodyBase64,
                durationMs,
                error,
                createdAt,
                null);
    }

    /** The same row with the headers that were sent. */
    public AttemptRow withRequestHeaders(String requestHeadersJson) {
        return new AttemptRow(
                id,
                tenantId,
                messageId,
                endpointId,
                deliveryId,
                eventType,
                attemptNumber,
                trigger,
                url,
                status,
                responseStatusCode,
                responseBody,
                responseBodyBase64,
                durationMs,
                error,
                createdAt,
                requestHeadersJson);
    }
}
