package dev.hookline.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code POST /v1/event-types}.
 *
 * <pre>{@code
 * client.eventTypes().create(EventTypeIn.of("invoice.paid", "An invoice was paid"));
 * }</pre>
 */
public record EventTypeIn(String name, String description, JsonNode schema, Boolean archived) {
    public static EventTypeIn of(String name, String description) {
        return new EventTypeIn(name, description, null, null);
    }
}
