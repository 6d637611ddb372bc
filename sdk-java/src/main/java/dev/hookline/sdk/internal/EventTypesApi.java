package dev.hookline.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.sdk.model.EventType;
import dev.hookline.sdk.model.EventTypeImportOut;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.EventTypePatch;
import dev.hookline.sdk.model.Page;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/** Feign binding of {@code /v1/event-types}. Internal. */
public interface EventTypesApi {
    @RequestLine("GET /v1/event-types")
    Page<EventType> list(@QueryMap Map<String, Object> query);

    @RequestLine("POST /v1/event-types")
    @Headers("Idempotency-Key: {idempotencyKey}")
    EventType create(@Param("idempotencyKey") String idempotencyKey, EventTypeIn in);

    @RequestLine("GET /v1/event-types/export/openapi")
    JsonNode exportOpenApi();

    @RequestLine("POST /v1/event-types/import/openapi")
    EventTypeImportOut importOpenApi(JsonNode document);

    @RequestLine(value = "GET /v1/event-types/{name}", decodeSlash = false)
    EventType get(@Param("name") String name);

    @RequestLine(value = "PATCH /v1/event-types/{name}", decodeSlash = false)
    EventType update(@Param("name") String name, EventTypePatch patch);

    @RequestLine(value = "DELETE /v1/event-types/{name}", decodeSlash = false)
    void delete(@Param("name") String name);
}
