package dev.hookline.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The body of an operational webhook: what happened to a tenant's endpoint or delivery, with Svix's event names.
 * {@code data} is an {@link EndpointEventData} for {@code endpoint.created}, {@code endpoint.updated},
 * {@code endpoint.deleted} and {@code endpoint.enabled}, an {@link EndpointDisabledEventData} for
 * {@code endpoint.disabled}, and an {@link AttemptEventData} for {@code message.attempt.failing},
 * {@code message.attempt.exhausted} and {@code message.attempt.recovered}.
 *
 * <pre>{@code
 * new Webhook(operationalEndpointSecret).verify(body, headers);
 * OperationalEvent event = mapper.readValue(body, OperationalEvent.class);
 * if (event.type().equals(OperationalEvent.ENDPOINT_DISABLED)) {
 *     EndpointDisabledEventData data = mapper.treeToValue(event.data(), EndpointDisabledEventData.class);
 * }
 * }</pre>
 */
public record OperationalEvent(String type, Instant timestamp, JsonNode data) {
    public static final String ENDPOINT_CREATED = "endpoint.created";
    public static final String ENDPOINT_UPDATED = "endpoint.updated";
    public static final String ENDPOINT_DELETED = "endpoint.deleted";
    public static final String ENDPOINT_DISABLED = "endpoint.disabled";
    public static final String ENDPOINT_ENABLED = "endpoint.enabled";
    public static final String ATTEMPT_FAILING = "message.attempt.failing";
    public static final String ATTEMPT_EXHAUSTED = "message.attempt.exhausted";
    public static final String ATTEMPT_RECOVERED = "message.attempt.recovered";
}
