package dev.hookline.sdk;

import java.time.Instant;

/**
 * Filters of {@code GET /v1/tenants/{t}/messages}; every field is optional. Newest first.
 *
 * <pre>{@code
 * MessageListParams params = MessageListParams.builder()
 *         .eventType("invoice.paid")
 *         .since(Instant.now().minus(Duration.ofDays(1)))
 *         .limit(100)
 *         .build();
 * client.messages().listAll("tnt_1", params).forEach(System.out::println);
 * }</pre>
 *
 * @param limit    page size, 1 to 250 (server default 50)
 * @param iterator where the previous page ended; null for the first page
 */
public record MessageListParams(
        String eventType,
        String channel,
        String endpointId,
        String status,
        Instant since,
        Instant until,
        boolean withDeliveries,
        Integer limit,
        String iterator) {
    /** No filter: the newest messages first. */
    public static MessageListParams none() {
        return new MessageListParams(null, null, null, null, null, null, false, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same filters from another page. */
    public MessageListParams withIterator(String iterator) {
        return new MessageListParams(
                eventType, channel, endpointId, status, since, until, withDeliveries, limit, iterator);
    }

    /** Builds {@link MessageListParams}. */
    public static final class Builder {
        private String eventType;
        private String channel;
        private String endpointId;
        private String status;
        private boolean withDeliveries;
        private Instant since;
        private Instant until;
        private Integer limit;
        private String iterator;

        private Builder() {}

        public Builder eventType(String eventType) {
            this.eventType = eventType;
            return this;
        }

        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        /** Messages with a delivery to this endpoint (id or uid). */
        public Builder endpointId(String endpointId) {
            this.endpointId = endpointId;
            return this;
        }

        /**
         * Messages with a delivery in this status: {@code pending} (not attempted yet), {@code retrying},
         * {@code succeeded} or {@code failed}; to {@link #endpointId} when that is set.
         */
        public Builder status(String status) {
            this.status = status;
            return this;
        }

        /** Each message with its deliveries counted by status ({@link dev.hookline.sdk.model.Message#deliveries()}). */
        public Builder withDeliveries() {
            this.withDeliveries = true;
            return this;
        }

        public Builder since(Instant since) {
            this.since = since;
            return this;
        }

        public Builder until(Instant until) {
            this.until = until;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder iterator(String iterator) {
            this.iterator = iterator;
            return this;
        }

        public MessageListParams build() {
            return new MessageListParams(
                    eventType, channel, endpointId, status, since, until, withDeliveries, limit, iterator);
        }
    }
}
