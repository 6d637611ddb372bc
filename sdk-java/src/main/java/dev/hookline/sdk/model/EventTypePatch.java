package dev.hookline.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code PATCH /v1/event-types/{name}}: {@code null} leaves a field unchanged.
 *
 * <pre>{@code
 * client.eventTypes().update("invoice.paid", new EventTypePatch(null, null, true));   // archive it
 * }</pre>
 */
public record EventTypePatch(String description, JsonNode schema, Boolean archived) {}
