package dev.hookline.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An entry of the global event-type catalogue.
 *
 * <pre>{@code
 * client.eventTypes().listAll().forEach(t -> System.out.println(t.name() + (t.archived() ? " (archived)" : "")));
 * }</pre>
 */
public record EventType(
        String name, String description, JsonNode schema, boolean archived, Instant createdAt, Instant updatedAt) {}
