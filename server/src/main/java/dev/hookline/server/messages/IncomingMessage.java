package dev.hookline.server.messages;

import java.util.List;

/**
 * A message as sent, with {@code payload} the exact bytes of the JSON object the client wrote, and the W3C
 * {@code traceparent} of the request that sent it (null for none).
 */
public record IncomingMessage(
        String eventType, byte[] payload, String eventId, List<String> channels, String traceparent) {
    public IncomingMessage {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    public IncomingMessage(String eventType, byte[] payload, String eventId, List<String> channels) {
        this(eventType, payload, eventId, channels, null);
    }

    public IncomingMessage withTraceparent(String traceparent) {
        return new IncomingMessage(eventType, payload, eventId, channels, traceparent);
    }
}
