package dev.hookline.server.messages;

import java.util.List;

/** A message as sent, with {@code payload} the exact bytes of the JSON object the client wrote. */
public record IncomingMessage(String eventType, byte[] payload, String eventId, List<String> channels) {
    public IncomingMessage {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
