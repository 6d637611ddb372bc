package dev.hookline.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Body of {@code POST /v1/event-types}. Only {@code name} is required. {@code schema} is a JSON Schema (draft
 * 2020-12) of the payload, and every one of {@code examples} must validate against it; {@code validatePayloads}
 * refuses sends whose payload does not (null: the server's default).
 *
 * <pre>{@code
 * client.eventTypes().create(EventTypeIn.builder("invoice.paid")
 *         .description("An invoice was paid")
 *         .schema(schema)
 *         .examples(List.of(example))
 *         .validatePayloads(true)
 *         .build());
 * }</pre>
 */
public record EventTypeIn(
        String name,
        String description,
        JsonNode schema,
        List<JsonNode> examples,
        Boolean archived,
        Boolean deprecated,
        String group,
        Boolean validatePayloads) {

    public EventTypeIn(String name, String description, JsonNode schema, Boolean archived) {
        this(name, description, schema, null, archived, null, null, null);
    }

    public static EventTypeIn of(String name, String description) {
        return new EventTypeIn(name, description, null, null);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link EventTypeIn}; unset fields are left out of the JSON. */
    public static final class Builder {
        private final String name;
        private String description;
        private JsonNode schema;
        private List<JsonNode> examples;
        private Boolean archived;
        private Boolean deprecated;
        private String group;
        private Boolean validatePayloads;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder schema(JsonNode schema) {
            this.schema = schema;
            return this;
        }

        public Builder examples(List<JsonNode> examples) {
            this.examples = examples;
            return this;
        }

        public Builder archived(Boolean archived) {
            this.archived = archived;
            return this;
        }

        public Builder deprecated(Boolean deprecated) {
            this.deprecated = deprecated;
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder validatePayloads(Boolean validatePayloads) {
            this.validatePayloads = validatePayloads;
            return this;
        }

        public EventTypeIn build() {
            return new EventTypeIn(name, description, schema, examples, archived, deprecated, group, validatePayloads);
        }
    }
}
