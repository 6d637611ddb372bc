package dev.hookline.sdk.model;

import java.time.Instant;

/**
 * The {@code data} of {@code message.attempt.failing}, {@code message.attempt.exhausted} and
 * {@code message.attempt.recovered}: which message to which endpoint, and the attempt that changed its state.
 */
public record AttemptEventData(
        String tenantId,
        String tenantUid,
        String messageId,
        String eventId,
        String endpointId,
        String endpointUid,
        LastAttempt lastAttempt) {

    /** The attempt the event is about; {@code responseStatusCode} is null when no HTTP answer came. */
    public record LastAttempt(String id, Integer responseStatusCode, Instant timestamp) {}
}
