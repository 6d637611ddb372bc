package dev.hookline.core.messages;

import java.time.Instant;
import java.util.List;

/** A message row. {@code payload} is the exact bytes received (null once payload retention expired it). */
public record StoredMessage(
        String id,
        String tenantId,
        String eventType,
        String eventId,
        List<String> channels,
        byte[] payload,
        Instant createdAt) {
    public StoredMessage {
        channels = List.copyOf(channels);
    }
}
