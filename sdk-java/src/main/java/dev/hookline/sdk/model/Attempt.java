package dev.hookline.sdk.model;

import java.time.Instant;
import java.util.Map;

/**
 * One HTTP attempt of a delivery. {@code trigger}: scheduled or manual; {@code status}: succeeded or failed;
 * {@code responseStatusCode} is null when no HTTP answer arrived, and {@code error} then says why.
 * {@code requestHeaders} are the headers that were sent, with signature values redacted ({@code v1,<redacted>}).
 *
 * <pre>{@code
 * Attempt a = client.attempts().get("acme", "atm_1");
 * String outcome = a.responseStatusCode() != null ? "HTTP " + a.responseStatusCode() : a.error();
 * }</pre>
 */
public record Attempt(
        String id,
        String messageId,
        String endpointId,
        int attemptNumber,
        String trigger,
        String url,
        String status,
        Integer responseStatusCode,
        String responseBody,
        long durationMs,
        String error,
        Instant createdAt,
        String eventType,
        Map<String, String> requestHeaders) {
    public Attempt {
        requestHeaders = requestHeaders == null ? Map.of() : Map.copyOf(requestHeaders);
    }
}
