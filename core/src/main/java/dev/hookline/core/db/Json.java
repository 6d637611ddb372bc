package dev.hookline.core.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The one Jackson mapper for jsonb columns, so maps and schemas are written and read the same way everywhere. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private Json() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }

    public static Map<String, String> stringMap(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("malformed jsonb map in the database", e);
        }
    }

    public static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("malformed jsonb in the database", e);
        }
    }

    /**
     * Stored JSON (a message's payload, checked when it was taken in) as a node that is written out byte for byte: an
     * answer shows the payload exactly as it is signed and sent, and it is neither parsed into a tree nor serialised
     * again for every answer. Null for null.
     */
    public static JsonNode verbatim(byte[] json) {
        return json == null
                ? null
                : JsonNodeFactory.instance.rawValueNode(new RawValue(new String(json, StandardCharsets.UTF_8)));
    }
}
