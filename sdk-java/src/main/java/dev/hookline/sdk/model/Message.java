package dev.hookline.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A message (event) as stored; its {@code id} is the {@code webhook-id} header of every delivery. After payload
 * retention the message is still listed, with {@code payload} null and {@code payloadExpired} true. {@code deliveries}
 * counts its deliveries by status when a list was asked for them ({@code include=deliveries}), else it is null.
 *
 * <pre>{@code
 * Message m = client.messages().get("acme", "msg_1");
 * System.out.println(m.eventType() + " " + m.payload());
 * }</pre>
 */
public record Message(
        String id,
        String eventType,
        String eventId,
        JsonNode payload,
        List<String> channels,
        Instant createdAt,
        boolean payloadExpired,
        DeliveryCounts deliveries) {
    public Message {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
