package dev.hookline.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.sdk.model.ErrorBody;
import dev.hookline.sdk.model.Page;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml as a standard parser (swagger-parser) reads it: a valid OpenAPI 3 document with no error or
 * warning, whose schemas describe the wire records (the SDK's {@code dev.hookline.sdk.model}, which the server reads
 * and writes as bodies) field for field, with matching types, both ways.
 */
class OpenApiValidityTest {
    /** Schemas whose record is not the SDK class of the same name. */
    private static final Map<String, Class<?>> RECORD_OF = Map.of(
            "Error", ErrorBody.class,
            "PageInfo", Page.class,
            // the fields a patch may set; EndpointIn adds secret and secretType to them
            "EndpointFields", dev.hookline.sdk.model.EndpointPatch.class);

    /** Schemas that document only part of their record: PageInfo is every page's iterator and done, not its data. */
    private static final Set<String> PARTIAL = Set.of("PageInfo");

    @Test
    void aStandardParserReadsTheDocumentWithoutAnErrorOrWarning() {
        SwaggerParseResult result = parse(false);

        assertThat(result.getMessages()).as("swagger-parser's messages").isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.0");
        assertThat(result.getOpenAPI().getPaths())
                .hasSize(ApiDocument.document().path("paths").size());
        assertThat(result.getOpenAPI().getComponents().getSchemas())
                .hasSize(ApiDocument.document()
                        .path("components")
                        .path("schemas")
                        .size());
    }

    @Test
    void everySchemaIsItsWireRecordFieldForFieldWithMatchingTypes() {
        // given every schema with properties, its allOf parts merged and its references followed
        Map<String, Schema> schemas = parse(true).getOpenAPI().getComponents().getSchemas();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, Schema> named : schemas.entrySet()) {
            String name = named.getKey();
            if (named.getValue().getProperties() == null) {
                continue; // Metadata (a map) and Uid (a string) are types of fields, checked where they are used
            }
            // when it is compared with its record
            Class<?> record = recordOf(name);
            compare(name, named.getValue(), record, !PARTIAL.contains(name), mismatches);
            compared++;
        }

        // then every documented property is a field of the record, and every field is documented, of the same type
        assertThat(compared).as("schemas compared").isGreaterThanOrEqualTo(30);
        assertThat(mismatches).isEmpty();
    }

    /** Compares an object schema with a record, property by property, recursing into nested objects and lists. */
    private static void compare(String where, Schema<?> schema, Class<?> record, boolean both, List<String> out) {
        if (!record.isRecord()) {
            out.add(where + ": documented as an object with properties, but " + record.getName() + " is no record");
            return;
        }
        Map<String, Schema> properties = schema.getProperties();
        Map<String, RecordComponent> components = new java.util.LinkedHashMap<>();
        Arrays.stream(record.getRecordComponents()).forEach(c -> components.put(c.getName(), c));
        for (String property : new TreeSet<>(properties.keySet())) {
            if (!components.containsKey(property)) {
                out.add(where + "." + property + ": documented, but not a field of " + record.getSimpleName());
            }
        }
        if (both) {
            for (String field : components.keySet()) {
                if (!properties.containsKey(field)) {
                    out.add(where + "." + field + ": a field of " + record.getSimpleName() + ", but not documented");
                }
            }
        }
        components.forEach((field, component) -> {
            Schema<?> property = properties.get(field);
            if (property != null) {
                compareType(where + "." + field, property, component.getGenericType(), out);
            }
        });
    }

    /** Compares one property's schema with a field's Java type. */
    private static void compareType(String where, Schema<?> schema, Type type, List<String> out) {
        if (type instanceof TypeVariable<?>) {
            return; // a page's data: each item's schema is compared with its own record by name
        }
        Class<?> raw = raw(type);
        String expected = openApiType(raw);
        String documented = schema.getType();
        if (documented == null && schema.getProperties() != null) {
            documented = "object";
        }
        if (!expected.equals(documented)) {
            out.add(where + ": documented as " + documented + ", but the field is " + type.getTypeName() + " ("
                    + expected + ")");
            return;
        }
        if (raw == Instant.class && !"date-time".equals(schema.getFormat())) {
            out.add(where + ": an Instant, documented without format date-time");
        }
        if (raw != Instant.class && "date-time".equals(schema.getFormat())) {
            out.add(where + ": documented as date-time, but the field is " + type.getTypeName());
        }
        if (Collection.class.isAssignableFrom(raw) && schema.getItems() != null) {
            compareType(where + "[]", schema.getItems(), argument(type, 0), out);
        } else if (Map.class.isAssignableFrom(raw) && schema.getAdditionalProperties() instanceof Schema<?> values) {
            compareType(where + "{}", values, argument(type, 1), out);
        } else if (raw.isRecord()) {
            if (schema.getProperties() == null) {
                out.add(where + ": the record " + raw.getSimpleName() + " is documented without its properties");
            } else {
                compare(where, schema, raw, true, out);
            }
        }
    }

    private static String openApiType(Class<?> raw) {
        if (raw == String.class || raw == Instant.class) {
            return "string";
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "integer";
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(raw) || JsonNode.class.isAssignableFrom(raw) || raw.isRecord()) {
            return "object";
        }
        return "unknown Java type " + raw.getName();
    }

    private static Class<?> recordOf(String schema) {
        if (RECORD_OF.containsKey(schema)) {
            return RECORD_OF.get(schema);
        }
        if (schema.endsWith("Page")) {
            return Page.class;
        }
        try {
            return Class.forName("dev.hookline.sdk.model." + schema);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("schema " + schema + " has no record dev.hookline.sdk.model." + schema, e);
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    /** The document as the server serves it; {@code resolved}: references followed and allOf parts merged. */
    private static SwaggerParseResult parse(boolean resolved) {
        String yaml;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(resolved);
        options.setResolveFully(resolved);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        OpenAPI api = result.getOpenAPI();
        assertThat(api)
                .as("parsed document; messages: %s", result.getMessages())
                .isNotNull();
        return result;
    }
}
