package dev.hookline.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * An entry of the global event-type catalogue: its payload's JSON Schema (draft 2020-12, or null for none), example
 * payloads that validate against it, and whether sends are checked against it ({@code validatePayloads}: null follows
 * the server's default).
 *
 * <pre>{@code
 * client.eventTypes().listAll().forEach(t -> System.out.println(t.name() + (t.deprecated() ? " (deprecated)" : "")));
 * }</pre>
 */
public record EventType(
        String name,
        String description,
        JsonNode schema,
        List<JsonNode> examples,
        boolean archived,
        boolean deprecated,
        String group,
        Boolean validatePayloads,
        Instant createdAt,
        Instant updatedAt) {
    public EventType {
        examples = examples == null ? List.of() : List.copyOf(examples);
    }
}
