package dev.hookline.sdk.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An endpoint: a URL of the tenant's customer that receives signed deliveries. {@code health} is set only when
 * it was asked for ({@code include=health}). {@code maxInFlight} is its own ceiling on requests in flight at once
 * (null: the installation's); below it, the limit adapts to how the endpoint answers.
 *
 * <pre>{@code
 * Endpoint ep = client.endpoints().get("acme", "ep_1");
 * if (ep.disabled()) System.out.println("disabled: " + ep.disabledReason());
 * }</pre>
 */
public record Endpoint(
        String id,
        String uid,
        String url,
        String description,
        List<String> eventTypes,
        List<String> channels,
        boolean disabled,
        String disabledReason,
        Integer rateLimit,
        Integer maxInFlight,
        Map<String, String> headers,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt,
        EndpointHealth health) {
    public Endpoint {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        channels = channels == null ? List.of() : List.copyOf(channels);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** This endpoint with {@code health} set. */
    public Endpoint withHealth(EndpointHealth health) {
        return new Endpoint(
                id,
                uid,
                url,
                description,
                eventTypes,
                channels,
                disabled,
                disabledReason,
                rateLimit,
                maxInFlight,
                headers,
                metadata,
                createdAt,
                updatedAt,
                health);
    }
}
