package dev.hookline.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Body of {@code PATCH /v1/event-types/{name}}: {@code null} leaves a field unchanged. A new {@code schema} is checked
 * against the examples (the new ones, or the stored ones), and new {@code examples} against the schema.
 *
 * <pre>{@code
 * client.eventTypes().update("invoice.paid", new EventTypePatch(null, null, true));   // archive it
 * }</pre>
 */
public record EventTypePatch(
        String description,
        JsonNode schema,
        List<JsonNode> examples,
        Boolean archived,
        Boolean deprecated,
        String group,
        Boolean validatePayloads) {

    public EventTypePatch(String description, JsonNode schema, Boolean archived) {
        this(description, schema, null, archived, null, null, null);
    }
}
