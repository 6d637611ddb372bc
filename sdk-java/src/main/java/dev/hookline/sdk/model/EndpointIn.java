package dev.hookline.sdk.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Body of {@code POST /v1/tenants/{t}/endpoints}. Only {@code url} is required; use {@link #builder(String)}.
 * An empty {@code eventTypes} list means every event type; {@code secret} ({@code whsec_…} for HMAC, {@code whsk_…}
 * for Ed25519) is generated when absent, of {@code secretType} ({@code hmac}, the default, or {@code ed25519}).
 * {@code maxInFlight} (1 to 1000) caps the requests in flight to it at once, below the installation's ceiling.
 *
 * <pre>{@code
 * EndpointIn in = EndpointIn.builder("https://acme.example/webhooks")
 *         .eventTypes(List.of("invoice.paid", "invoice.refunded"))
 *         .headers(Map.of("X-Tenant", "acme"))
 *         .build();
 * }</pre>
 */
public record EndpointIn(
        String url,
        String uid,
        String description,
        List<String> eventTypes,
        List<String> channels,
        Boolean disabled,
        Integer rateLimit,
        Integer maxInFlight,
        Map<String, String> headers,
        Map<String, String> metadata,
        String secret,
        String secretType) {

    public static Builder builder(String url) {
        return new Builder(url);
    }

    @Override
    public String toString() {
        return "EndpointIn[url=" + url + ", uid=" + uid + ", eventTypes=" + eventTypes
                + ", channels=" + channels + ", secret=" + (secret == null ? "null" : "<redacted>")
                + ", secretType=" + secretType + "]";
    }

    /** Builds an {@link EndpointIn}; unset fields are left out of the JSON. Example: {@code EndpointIn.builder(url).uid("main").build()}. */
    public static final class Builder {
        private final String url;
        private String uid;
        private String description;
        private List<String> eventTypes;
        private List<String> channels;
        private Boolean disabled;
        private Integer rateLimit;
        private Integer maxInFlight;
        private Map<String, String> headers;
        private Map<String, String> metadata;
        private String secret;
        private String secretType;

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url == null");
        }

        public Builder uid(String uid) {
            this.uid = uid;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder eventTypes(List<String> eventTypes) {
            this.eventTypes = List.copyOf(eventTypes);
            return this;
        }

        public Builder channels(List<String> channels) {
            this.channels = List.copyOf(channels);
            return this;
        }

        public Builder disabled(boolean disabled) {
            this.disabled = disabled;
            return this;
        }

        public Builder rateLimit(int perSecond) {
            this.rateLimit = perSecond;
            return this;
        }

        /** At most this many requests in flight to the endpoint at once (1 to 1000). */
        public Builder maxInFlight(int requests) {
            this.maxInFlight = requests;
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            this.headers = Map.copyOf(headers);
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = Map.copyOf(metadata);
            return this;
        }

        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }
        /** {@code "ed25519"} asks for a generated Ed25519 key pair instead of an HMAC secret. */
        public Builder secretType(String secretType) {
            this.secretType = secretType;
            return this;
        }

        public EndpointIn build() {
            return new EndpointIn(
                    url,
                    uid,
                    description,
                    eventTypes,
                    channels,
                    disabled,
                    rateLimit,
                    maxInFlight,
                    headers,
                    metadata,
                    secret,
                    secretType);
        }
    }
}
