package dev.hookline.sdk.model;

import java.time.Instant;

/** The state of one message towards one endpoint. {@code status}: pending, retrying, succeeded or failed. */
public record Delivery(String endpointId, String status, int attempts, Instant nextAttemptAt,
                       Integer lastStatusCode, String lastError) {
}
