package dev.hookline.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operations of {@code docs/openapi.yaml}, read for the tests that hold the document and the code to each
 * other: the coverage test and the cross-tenant matrix, which walks every documented operation.
 */
public final class ApiDocument {
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /**
     * One documented operation: method (upper case), path template, who may call it, an example body, and the
     * permissions a portal session needs for it (null: closed to portal sessions).
     */
    public record Operation(
            String method,
            String path,
            String access,
            JsonNode requestExample,
            List<String> parameters,
            List<String> portal) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private ApiDocument() {}

    public static JsonNode document() {
        return OpenApiResource.document();
    }

    public static List<Operation> operations() {
        JsonNode doc = document();
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                List<String> parameters = new ArrayList<>();
                parameterNames(doc, path.getValue().path("parameters"), parameters);
                parameterNames(doc, op.getValue().path("parameters"), parameters);
                JsonNode example = op.getValue()
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("example");
                operations.add(new Operation(
                        op.getKey().toUpperCase(Locale.ROOT),
                        path.getKey(),
                        op.getValue().path("x-hookline-access").asText(null),
                        example.isMissingNode() ? null : example,
                        parameters,
                        portal(op.getValue().path("x-hookline-portal"))));
            }
        }
        return operations;
    }

    /** Resolves a JSON pointer such as {@code #/components/schemas/Tenant}; missing node when it leads nowhere. */
    public static JsonNode resolve(JsonNode doc, String ref) {
        return ref.startsWith("#")
                ? doc.at(ref.substring(1))
                : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> portal(JsonNode permissions) {
        if (permissions.isMissingNode()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        permissions.forEach(p -> names.add(p.asText()));
        return names;
    }

    private static void parameterNames(JsonNode doc, JsonNode parameters, List<String> into) {
        for (JsonNode p : parameters) {
            JsonNode param = p.has("$ref") ? resolve(doc, p.get("$ref").asText()) : p;
            into.add(param.path("in").asText() + ":" + param.path("name").asText());
        }
    }
}
