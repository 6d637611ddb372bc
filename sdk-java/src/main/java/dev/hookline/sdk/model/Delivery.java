package dev.hookline.sdk.model;

import java.time.Instant;

/**
 * The state of one message towards one endpoint. {@code status}: pending, retrying, succeeded or failed.
 *
 * <pre>{@code
 * for (Delivery d : client.messages().deliveries("acme", "msg_1").data()) {
 *     System.out.println(d.endpointId() + " " + d.status() + " after " + d.attempts() + " attempts");
 * }
 * }</pre>
 */
public record Delivery(
        String endpointId,
        String status,
        int attempts,
        Instant nextAttemptAt,
        Integer lastStatusCode,
        String lastError) {}
