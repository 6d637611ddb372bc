package dev.hookline.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code POST /v1/tenants/{t}/endpoints/{e}/send-example}: a test send of {@code eventType} to that endpoint
 * only, carrying {@code example} or, when it is null, the event type's first example.
 *
 * <pre>{@code
 * Attempt attempt = client.endpoints().sendExample("acme", "ep_1", SendExampleIn.of("invoice.paid"));
 * }</pre>
 */
public record SendExampleIn(String eventType, JsonNode example) {
    public static SendExampleIn of(String eventType) {
        return new SendExampleIn(eventType, null);
    }
}
