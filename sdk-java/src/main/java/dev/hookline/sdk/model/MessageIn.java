package dev.hookline.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Body of {@code POST /v1/tenants/{t}/messages}. {@code payload} must be a JSON object; {@code eventId}
 * (optional) deduplicates sends within 24 hours; {@code channels} (optional) narrow the endpoints reached.
 *
 * <pre>{@code
 * ObjectNode payload = JsonNodeFactory.instance.objectNode().put("invoiceId", "inv_42");
 * MessageIn in = MessageIn.builder("invoice.paid", payload).eventId("inv_42-paid").build();
 * }</pre>
 */
public record MessageIn(String eventType, JsonNode payload, String eventId, List<String> channels) {

    public static MessageIn of(String eventType, JsonNode payload) {
        return new MessageIn(eventType, payload, null, null);
    }

    public static Builder builder(String eventType, JsonNode payload) {
        return new Builder(eventType, payload);
    }

    /** Builds a {@link MessageIn}. Example: {@code MessageIn.builder("invoice.paid", payload).channels(List.of("eu")).build()}. */
    public static final class Builder {
        private final String eventType;
        private final JsonNode payload;
        private String eventId;
        private List<String> channels;

        private Builder(String eventType, JsonNode payload) {
            this.eventType = Objects.requireNonNull(eventType, "eventType == null");
            this.payload = Objects.requireNonNull(payload, "payload == null");
        }

        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public Builder channels(List<String> channels) {
            this.channels = List.copyOf(channels);
            return this;
        }

        public MessageIn build() {
            return new MessageIn(eventType, payload, eventId, channels);
        }
    }
}
