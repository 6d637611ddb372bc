package dev.hookline.sdk;

import java.time.Instant;

/**
 * Filters of {@code GET /v1/tenants/{t}/attempts}; every field is optional. Newest first.
 *
 * <pre>{@code
 * AttemptListParams failedToday = AttemptListParams.builder()
 *         .endpointId("ep_1")
 *         .status("failed")
 *         .statusCodeClass(500)
 *         .since(Instant.now().minus(Duration.ofDays(1)))
 *         .build();
 * }</pre>
 *
 * @param status          {@code succeeded} or {@code failed}
 * @param statusCodeClass the hundred of the response status: 200, 300, 400 or 500 (0: no HTTP answer)
 * @param limit           page size, 1 to 250 (server default 50)
 * @param iterator        where the previous page ended; null for the first page
 */
public record AttemptListParams(
        String endpointId,
        String messageId,
        String status,
        Integer statusCodeClass,
        String eventType,
        Instant since,
        Instant until,
        Integer limit,
        String iterator) {
    /** No filter: the newest attempts first. */
    public static AttemptListParams none() {
        return new AttemptListParams(null, null, null, null, null, null, null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same filters from another page. */
    public AttemptListParams withIterator(String iterator) {
        return new AttemptListParams(
                endpointId, messageId, status, statusCodeClass, eventType, since, until, limit, iterator);
    }

    /** Builds {@link AttemptListParams}. */
    public static final class Builder {
        private String endpointId;
        private String messageId;
        private String status;
        private Integer statusCodeClass;
        private String eventType;
        private Instant since;
        private Instant until;
        private Integer limit;
        private String iterator;

        private Builder() {}

        public Builder endpointId(String endpointId) {
            this.endpointId = endpointId;
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder statusCodeClass(int statusCodeClass) {
            this.statusCodeClass = statusCodeClass;
            return this;
        }

        public Builder eventType(String eventType) {
            this.eventType = eventType;
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

        public AttemptListParams build() {
            return new AttemptListParams(
                    endpointId, messageId, status, statusCodeClass, eventType, since, until, limit, iterator);
        }
    }
}
