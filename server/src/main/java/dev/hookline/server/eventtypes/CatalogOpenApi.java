package dev.hookline.server.eventtypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.sdk.model.EventType;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.validation.Checks;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The catalogue as an OpenAPI 3.1 document, in the form the Standard Webhooks specification suggests: one entry of
 * {@code webhooks} per event type, named after it, whose {@code post} operation's JSON request body has the type's
 * schema and examples. The description is the operation's {@code description}, the group its first tag;
 * {@code deprecated} is OpenAPI's own; archived and {@code validatePayloads} travel as {@code x-hookline-} fields.
 * Reading a document back gives the same event types.
 */
final class CatalogOpenApi {
    static final String ARCHIVED = "x-hookline-archived";
    static final String VALIDATE = "x-hookline-validate-payloads";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CatalogOpenApi() {}

    static ObjectNode export(List<EventType> types) {
        ObjectNode doc = JSON.objectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", "Webhooks").put("version", "1");
        ObjectNode webhooks = doc.putObject("webhooks");
        for (EventType t : types) {
            ObjectNode post = webhooks.putObject(t.name()).putObject("post");
            post.put("operationId", t.name());
            post.put("summary", t.name());
            if (t.description() != null && !t.description().isEmpty()) {
                post.put("description", t.description());
            }
            if (t.group() != null) {
                post.putArray("tags").add(t.group());
            }
            if (t.deprecated()) {
                post.put("deprecated", true);
            }
            if (t.archived()) {
                post.put(ARCHIVED, true);
            }
            if (t.validatePayloads() != null) {
                post.put(VALIDATE, t.validatePayloads());
            }
            ObjectNode media = post.putObject("requestBody")
                    .put("required", true)
                    .putObject("content")
                    .putObject("application/json");
            media.set("schema", t.schema() != null ? t.schema().deepCopy() : JSON.objectNode());
            if (!t.examples().isEmpty()) {
                ObjectNode examples = media.putObject("examples");
                for (int i = 0; i < t.examples().size(); i++) {
                    examples.putObject("example" + (i + 1))
                            .set("value", t.examples().get(i));
                }
            }
            post.putObject("responses")
                    .putObject("2XX")
                    .put("description", "Any 2xx status acknowledges the delivery; anything else is retried");
        }
        return doc;
    }

    /** The event types of a document; a 400 naming the first part of it that is not what {@link #export} writes. */
    static List<EventTypeIn> read(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw ApiException.invalid("body", "must be an OpenAPI 3.1 document (a JSON object)");
        }
        if (!doc.path("openapi").asText("").startsWith("3.1")) {
            throw ApiException.invalid("openapi", "must be 3.1.x: webhooks are an OpenAPI 3.1 field");
        }
        JsonNode webhooks = doc.path("webhooks");
        if (!webhooks.isObject()) {
            throw ApiException.invalid("webhooks", "must be an object of event types");
        }
        Checks checks = new Checks();
        List<EventTypeIn> types = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = webhooks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = "webhooks." + entry.getKey();
            JsonNode post = entry.getValue().path("post");
            if (!post.isObject()) {
                checks.fail(field + ".post", "is required: the operation a delivery of this event type is");
                continue;
            }
            JsonNode media = post.path("requestBody").path("content").path("application/json");
            JsonNode schema = media.path("schema");
            List<JsonNode> examples = new ArrayList<>();
            media.path("examples").forEach(example -> examples.add(example.path("value")));
            if (media.has("example")) {
                examples.add(media.get("example"));
            }
            JsonNode tags = post.path("tags");
            types.add(new EventTypeIn(
                    entry.getKey(),
                    text(post, "description"),
                    schema.isObject() && !schema.isEmpty() ? schema : null,
                    examples,
                    post.path(ARCHIVED).asBoolean(false),
                    post.path("deprecated").asBoolean(false),
                    tags.isArray() && !tags.isEmpty() ? tags.get(0).asText() : null,
                    post.path(VALIDATE).isBoolean() ? post.get(VALIDATE).asBoolean() : null));
        }
        checks.throwIfAny();
        return types;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
