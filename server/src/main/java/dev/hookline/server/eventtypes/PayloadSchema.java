package dev.hookline.server.eventtypes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import dev.hookline.sdk.model.ErrorBody.FieldError;
import dev.hookline.server.validation.JsonLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSON Schema (draft 2020-12) compiled once and used for every payload of its event type. Schemas are checked
 * against the draft's meta-schema when they are saved, and may refer only to themselves ({@code #/$defs/…}) and to
 * the draft's own meta-schemas: nothing is fetched from the network or read from the class path on a schema's
 * say-so. {@code format} is an annotation, as the draft has it, not an assertion.
 */
public final class PayloadSchema {
    /** The draft's meta-schemas, bundled with the library: the only documents a schema may refer to. */
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/";

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(
                    loader -> loader.allow(iri -> iri.toString().startsWith(DRAFT_2020_12))));
    private static final Schema META_SCHEMA = SchemaRegistry.withDialect(Dialects.getDraft202012())
            .getSchema(SchemaLocation.of(Dialects.getDraft202012().getId()));
    /**
     * Payloads are read as the API reads request bodies, at most {@link JsonLimits#MAX_DEPTH} levels deep; a key given
     * twice is refused, since which of its values a schema should judge is undefined.
     */
    private static final ObjectMapper PAYLOADS = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JsonLimits.apply(PAYLOADS.getFactory());
    }

    private final Schema schema;

    private PayloadSchema(Schema schema) {
        this.schema = schema;
    }

    /**
     * What is wrong with {@code schema} as a draft 2020-12 JSON Schema, each problem named {@code field} followed by
     * the JSON pointer of the offending part ({@code schema/properties/amount/type}); empty when it is fine.
     */
    public static List<FieldError> problems(String field, JsonNode schema) {
        List<FieldError> problems = new ArrayList<>();
        if (schema == null || !schema.isObject()) {
            problems.add(new FieldError(field, "must be a JSON object (a JSON Schema)", "type"));
            return problems;
        }
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && !(DRAFT_2020_12 + "schema").equals(dialect.asText())) {
            problems.add(
                    new FieldError(field + "/$schema", "must be " + DRAFT_2020_12 + "schema or absent", "$schema"));
            return problems;
        }
        for (Error e : META_SCHEMA.validate(schema)) {
            problems.add(violation(field, e));
        }
        if (problems.isEmpty()) {
            try {
                compile(schema);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldError(field, e.getMessage(), "$ref"));
            }
        }
        return problems;
    }

    /**
     * The compiled schema; every reference in it resolved now, so none fails on a payload later.
     *
     * @throws IllegalArgumentException if a reference leads outside the schema and the draft's meta-schemas
     */
    public static PayloadSchema compile(JsonNode schema) {
        Objects.requireNonNull(schema, "schema == null");
        try {
            Schema compiled = SCHEMAS.getSchema(SchemaLocation.of("urn:hookline:event-type"), schema);
            compiled.initializeValidators();
            return new PayloadSchema(compiled);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "has a reference that cannot be resolved: only references within the schema are allowed", e);
        }
    }

    /** Each way {@code payload} fails the schema, named {@code field} and the JSON pointer of the failing value. */
    public List<FieldError> violations(String field, JsonNode payload) {
        List<Error> errors;
        try {
            errors = schema.validate(payload);
        } catch (StackOverflowError e) {
            return List.of(
                    new FieldError(field, "nests too deeply to be checked against the event type's schema", null));
        }
        if (errors.isEmpty()) {
            return List.of();
        }
        List<FieldError> out = new ArrayList<>(errors.size());
        for (Error e : errors) {
            out.add(violation(field, e));
        }
        return out;
    }

    /** As {@link #violations(String, JsonNode)}, for a payload's exact bytes (a JSON object the parser has checked). */
    public List<FieldError> violations(String field, byte[] payload) {
        JsonNode tree;
        try {
            tree = PAYLOADS.readTree(payload);
        } catch (StreamConstraintsException e) {
            return List.of(JsonLimits.refusal(e, field).details().get(0));
        } catch (IOException e) { // the send's parser took it, so what is left is a key given twice
            return List.of(
                    new FieldError(field, "must not repeat a key to be checked against the event type's schema", null));
        }
        return violations(field, tree);
    }

    private static FieldError violation(String field, Error e) {
        StringBuilder path = new StringBuilder(field);
        NodePath location = e.getInstanceLocation();
        int count = location == null ? 0 : location.getNameCount();
        String last = null;
        for (int i = 0; i < count; i++) {
            last = String.valueOf(location.getElement(i));
            path.append('/').append(escape(last));
        }
        String property = e.getProperty();
        if (property != null && !property.equals(last)) {
            path.append('/').append(escape(property));
        }
        return new FieldError(path.toString(), message(e), e.getKeyword());
    }

    /** The library's message; the instance location is the field's path already. */
    private static String message(Error e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? "fails the schema's " + e.getKeyword() : message;
    }

    /** A JSON pointer's reference token (RFC 6901): {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    private static String escape(String token) {
        return token.indexOf('~') < 0 && token.indexOf('/') < 0
                ? token
                : token.replace("~", "~0").replace("/", "~1");
    }
}
