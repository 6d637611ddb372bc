package dev.hookline.sdk.model;

import java.util.List;

/**
 * Answer to {@code POST /v1/event-types/import/openapi}: every event type the document created or replaced, in the
 * document's order.
 *
 * <pre>{@code
 * client.eventTypes().importOpenApi(document).data().forEach(t -> System.out.println(t.name()));
 * }</pre>
 */
public record EventTypeImportOut(List<EventType> data) {
    public EventTypeImportOut {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
