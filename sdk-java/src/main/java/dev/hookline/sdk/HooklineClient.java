package dev.hookline.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.sdk.internal.ApiKeysApi;
import dev.hookline.sdk.internal.AttemptsApi;
import dev.hookline.sdk.internal.EndpointsApi;
import dev.hookline.sdk.internal.ErrorMapper;
import dev.hookline.sdk.internal.EventTypesApi;
import dev.hookline.sdk.internal.JdkHttpClient;
import dev.hookline.sdk.internal.Json;
import dev.hookline.sdk.internal.MessagesApi;
import dev.hookline.sdk.internal.OperationalEndpointsApi;
import dev.hookline.sdk.internal.PortalSessionsApi;
import dev.hookline.sdk.internal.Retrier;
import dev.hookline.sdk.internal.Sleeper;
import dev.hookline.sdk.internal.TenantsApi;
import feign.Client;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * The Hookline REST API. Build one per API key and share it: it is immutable and thread-safe.
 *
 * <pre>{@code
 * HooklineClient client = HooklineClient.builder()
 *         .baseUrl("https://hookline.example.com")
 *         .apiKey(System.getenv("HOOKLINE_API_KEY"))
 *         .build();
 * Message sent = client.messages().send("acme", MessageIn.of("invoice.paid", payload));
 * }</pre>
 *
 * Calls that fail with a connection error, 429 or 5xx are retried ({@link Builder#maxRetries}, default 2) with
 * exponential backoff from 500 ms up to 5 s with jitter, or after the server's {@code Retry-After} (at most 30 s).
 * Every POST carries an {@code Idempotency-Key}, chosen once per call and sent unchanged on each retry, so a retried
 * send is never delivered twice. Failures throw a {@link HooklineException} subclass.
 */
public final class HooklineClient {
    /** Sent in the User-Agent as {@code hookline-java/<VERSION>}. */
    public static final String VERSION = "0.1.0";

    private final String baseUrl;
    private final Tenants tenants;
    private final ApiKeys apiKeys;
    private final EventTypes eventTypes;
    private final Endpoints endpoints;
    private final Messages messages;
    private final Attempts attempts;
    private final PortalSessions portalSessions;
    private final OperationalEndpoints operationalEndpoints;

    private HooklineClient(Builder b, String baseUrl) {
        this.baseUrl = baseUrl;
        ObjectMapper mapper = Json.newMapper();
        String authorization = "Bearer " + b.apiKey;
        String userAgent = "hookline-java/" + VERSION + (b.userAgentSuffix == null ? "" : " " + b.userAgentSuffix);
        Client client = b.client != null ? b.client : new JdkHttpClient(b.connectTimeout);
        Feign.Builder feign = Feign.builder()
                .client(client)
                .encoder(new JacksonEncoder(mapper))
                .decoder(new JacksonDecoder(mapper))
                .errorDecoder(new ErrorMapper(mapper))
                .retryer(Retryer.NEVER_RETRY) // Retrier does it, so that a POST keeps one Idempotency-Key
                .options(new Request.Options(b.connectTimeout, b.readTimeout, false))
                .requestInterceptor(template -> {
                    template.header("Authorization", authorization);
                    template.header("User-Agent", userAgent);
                    template.header("Accept", "application/json");
                    if (template.body() != null) {
                        template.header("Content-Type", "application/json");
                    }
                });
        Retrier retrier = new Retrier(b.maxRetries, b.sleeper);
        this.tenants = new Tenants(feign.target(TenantsApi.class, baseUrl), retrier);
        this.apiKeys = new ApiKeys(feign.target(ApiKeysApi.class, baseUrl), retrier);
        this.eventTypes = new EventTypes(feign.target(EventTypesApi.class, baseUrl), retrier);
        this.endpoints = new Endpoints(feign.target(EndpointsApi.class, baseUrl), retrier);
        this.messages = new Messages(feign.target(MessagesApi.class, baseUrl), retrier);
        this.attempts = new Attempts(feign.target(AttemptsApi.class, baseUrl), retrier);
        this.portalSessions = new PortalSessions(feign.target(PortalSessionsApi.class, baseUrl), retrier);
        this.operationalEndpoints =
                new OperationalEndpoints(feign.target(OperationalEndpointsApi.class, baseUrl), retrier);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Tenants and their metadata (admin key). */
    public Tenants tenants() {
        return tenants;
    }

    /** Tenant API keys (admin key). */
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** The event-type catalogue. */
    public EventTypes eventTypes() {
        return eventTypes;
    }

    /** Endpoints, their secrets, recovery and statistics. */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** Sending messages and following their deliveries. */
    public Messages messages() {
        return messages;
    }

    /** The attempt log. */
    public Attempts attempts() {
        return attempts;
    }

    /** Links to the tenant portal: minting, listing and revoking portal sessions. */
    public PortalSessions portalSessions() {
        return portalSessions;
    }

    /** The operator's operational endpoints and their attempts (admin key). */
    public OperationalEndpoints operationalEndpoints() {
        return operationalEndpoints;
    }

    @Override
    public String toString() {
        return "HooklineClient[" + baseUrl + "]"; // never the key
    }

    /**
     * Configures a {@link HooklineClient}; {@link #baseUrl} and {@link #apiKey} are required.
     *
     * <pre>{@code
     * HooklineClient.builder()
     *         .baseUrl("http://localhost:8080")
     *         .apiKey(adminKey)
     *         .readTimeout(Duration.ofSeconds(10))
     *         .maxRetries(5)
     *         .userAgentSuffix("billing-service/2.3")
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private String baseUrl;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private int maxRetries = 2;
        private String userAgentSuffix;
        private Client client;
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder() {}

        /** Where the API lives, such as {@code https://hookline.example.com}; a path prefix is kept, {@code /v1} is added. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
            return this;
        }

        /** The admin key or a tenant's {@code hk_…} key, sent as {@code Authorization: Bearer <key>}. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
            return this;
        }

        /** How long to wait for a TCP (and TLS) connection; default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for an answer once connected; default 30 s. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = positive(readTimeout, "readTimeout");
            return this;
        }

        /** Retries after the first attempt for connection failures, 429 and 5xx; default 2, 0 disables them. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** Appended to the User-Agent, such as {@code billing-service/2.3}, to tell callers apart in the server's logs. */
        public Builder userAgentSuffix(String userAgentSuffix) {
            this.userAgentSuffix = Objects.requireNonNull(userAgentSuffix, "userAgentSuffix == null");
            return this;
        }

        /** Another Feign {@link Client} (a proxy, custom TLS, OkHttp); the default uses {@code java.net.http}. */
        public Builder client(Client client) {
            this.client = Objects.requireNonNull(client, "client == null");
            return this;
        }

        /** For tests: records the backoff instead of sleeping. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
            return this;
        }

        /**
         * @throws NullPointerException     if the base URL or API key was not set
         * @throws IllegalArgumentException if the base URL is not an absolute http(s) URL, or the key is blank or
         *                                  contains characters that cannot go in a header
         */
        public HooklineClient build() {
            Objects.requireNonNull(baseUrl, "baseUrl == null");
            Objects.requireNonNull(apiKey, "apiKey == null");
            if (apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey is blank");
            }
            if (!printable(apiKey)) {
                // Don't echo it: a mangled key is still mostly a key.
                throw new IllegalArgumentException("apiKey contains whitespace or control characters");
            }
            if (userAgentSuffix != null && !userAgentSuffix.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                throw new IllegalArgumentException("userAgentSuffix contains control or non-ASCII characters");
            }
            return new HooklineClient(this, normalizedBaseUrl(baseUrl));
        }

        private static String normalizedBaseUrl(String baseUrl) {
            URI uri;
            try {
                uri = new URI(baseUrl.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl is not a valid URL: " + baseUrl);
            }
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("baseUrl must start with http:// or https://: " + baseUrl);
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("baseUrl has no host: " + baseUrl);
            }
            if (uri.getRawUserInfo() != null) {
                // Not echoed: the user info may hold a password. Authenticate with apiKey instead.
                throw new IllegalArgumentException("baseUrl must not contain user info; use apiKey");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + baseUrl);
            }
            String s = uri.toString();
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.endsWith("/v1")) {
                throw new IllegalArgumentException("baseUrl must not end with /v1, the client adds it: " + baseUrl);
            }
            return s;
        }

        private static boolean printable(String s) {
            return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
