package dev.hookline.sdk;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.sdk.internal.EventTypesApi;
import dev.hookline.sdk.internal.Query;
import dev.hookline.sdk.internal.Retrier;
import dev.hookline.sdk.model.EventType;
import dev.hookline.sdk.model.EventTypeImportOut;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.EventTypePatch;
import dev.hookline.sdk.model.Page;

/**
 * The global event-type catalogue ({@code /v1/event-types}); the admin key writes, every key reads.
 *
 * <pre>{@code
 * client.eventTypes().create(EventTypeIn.of("invoice.paid", "An invoice was paid"));
 * client.eventTypes().update("invoice.paid", new EventTypePatch(null, null, true));   // archive
 * JsonNode openApi = client.eventTypes().exportOpenApi();                               // the catalogue, OpenAPI 3.1
 * }</pre>
 */
public final class EventTypes {
    private final EventTypesApi api;
    private final Retrier retrier;

    EventTypes(EventTypesApi api, Retrier retrier) {
        this.api = api;
        this.retrier = retrier;
    }

    public Page<EventType> list() {
        return list(null, null);
    }

    public Page<EventType> list(Integer limit, String iterator) {
        return retrier.call(() -> api.list(
                Query.of().put("limit", limit).put("iterator", iterator).toMap()));
    }

    public AutoPagingIterable<EventType> listAll() {
        return new AutoPagingIterable<>(iterator -> list(null, iterator));
    }

    public EventType create(EventTypeIn in) {
        requireNonNull(in, "in == null");
        return retrier.post(null, key -> api.create(key, in));
    }

    public EventType get(String name) {
        requireNonNull(name, "name == null");
        return retrier.call(() -> api.get(name));
    }

    public EventType update(String name, EventTypePatch patch) {
        requireNonNull(name, "name == null");
        requireNonNull(patch, "patch == null");
        return retrier.call(() -> api.update(name, patch));
    }

    /** The whole catalogue as an OpenAPI 3.1 document: one {@code webhooks} entry per event type. */
    public JsonNode exportOpenApi() {
        return retrier.call(api::exportOpenApi);
    }

    /**
     * Creates or replaces the event types of an OpenAPI 3.1 document's {@code webhooks} (such as {@link #exportOpenApi}
     * answers), all or none. Admin key only.
     */
    public EventTypeImportOut importOpenApi(JsonNode document) {
        requireNonNull(document, "document == null");
        return retrier.call(() -> api.importOpenApi(document));
    }

    public void delete(String name) {
        requireNonNull(name, "name == null");
        retrier.call(() -> {
            api.delete(name);
            return null;
        });
    }
}
