package dev.hookline.sdk;

import static java.util.Objects.requireNonNull;

import dev.hookline.sdk.internal.EndpointsApi;
import dev.hookline.sdk.internal.Query;
import dev.hookline.sdk.internal.Retrier;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.EndpointSecret;
import dev.hookline.sdk.model.EndpointStats;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.RecoverIn;
import dev.hookline.sdk.model.RecoverOut;
import dev.hookline.sdk.model.SecretRotateIn;
import dev.hookline.sdk.model.SendExampleIn;
import java.time.Instant;
import java.util.Optional;

/**
 * A tenant's endpoints ({@code /v1/tenants/{t}/endpoints}), their signing secrets, recovery and statistics.
 * Tenants and endpoints are addressed by id or {@code uid}.
 *
 * <pre>{@code
 * Endpoint ep = client.endpoints().create("acme", EndpointIn.builder("https://acme.example/webhooks")
 *         .eventTypes(List.of("invoice.paid"))
 *         .build());
 * String secret = client.endpoints().secret("acme", ep.id()).key();   // give this to the receiver
 * }</pre>
 */
public final class Endpoints {
    /** Stats per UTC hour. */
    public static final String HOURLY = "1h";
    /** Stats per UTC day. */
    public static final String DAILY = "1d";

    private final EndpointsApi api;
    private final Retrier retrier;

    Endpoints(EndpointsApi api, Retrier retrier) {
        this.api = api;
        this.retrier = retrier;
    }

    public Page<Endpoint> list(String tenant) {
        return list(tenant, null, null);
    }

    public Page<Endpoint> list(String tenant, Integer limit, String iterator) {
        requireNonNull(tenant, "tenant == null");
        return retrier.call(() -> api.list(
                tenant, Query.of().put("limit", limit).put("iterator", iterator).toMap()));
    }

    /** A page of endpoints, each with its {@link Endpoint#health() health}: success rate over 24 h, last failure. */
    public Page<Endpoint> listWithHealth(String tenant, Integer limit, String iterator) {
        requireNonNull(tenant, "tenant == null");
        return retrier.call(() -> api.list(
                tenant,
                Query.of()
                        .put("include", "health")
                        .put("limit", limit)
                        .put("iterator", iterator)
                        .toMap()));
    }

    public AutoPagingIterable<Endpoint> listAll(String tenant) {
        requireNonNull(tenant, "tenant == null");
        return new AutoPagingIterable<>(iterator -> list(tenant, null, iterator));
    }

    public Endpoint create(String tenant, EndpointIn in) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(in, "in == null");
        return retrier.post(null, key -> api.create(key, tenant, in));
    }

    public Endpoint get(String tenant, String endpoint) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(endpoint, "endpoint == null");
        return retrier.call(() -> api.get(tenant, endpoint, Query.of().toMap()));
    }

    /** The endpoint with its {@link Endpoint#health() health}: success rate over 24 h, last failure. */
    public Endpoint getWithHealth(String tenant, String endpoint) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(endpoint, "endpoint == null");
        return retrier.call(() ->
                api.get(tenant, endpoint, Query.of().put("include", "health").toMap()));
    }

    /** Changes the non-null fields of {@code patch}; {@code disabled=false} re-enables a disabled endpoint. */
    public Endpoint update(String tenant, String endpoint, EndpointPatch patch) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(endpoint, "endpoint == null");
        requireNonNull(patch, "patch == null");
        return retrier.call(() -> api.update(tenant, endpoint, patch));
    }

    public void delete(String tenant, String endpoint) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(endpoint, "endpoint == null");
        retrier.call(() -> {
            api.delete(tenant, endpoint);
            return null;
        });
    }

    /** The current signing secret ({@code whsec_…}). */
    public EndpointSecret secret(String tenant, String endpoint) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(endpoint, "endpoint == null");
        return retrier.call(() -> api.secret(tenant, endpoint));
    }

    /**
     * Replaces the signing secret; the old one keeps signing alongside for the grace period. Returns the new
     * secret when the server sends it back (it may answer 204; then read it with {@link #secret}).
     */
    public Optional<EndpointSecret> rotateSecret(String tenant, String endpoint, SecretRotateIn in) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(endpoint, "endpoint == null");
        requireNonNull(in, "in == null");
        return Optional.ofNullable(retrier.post(null, key -> api.rotateSecret(key, tenant, endpoint, in)));
    }

    /** Re-queues the endpoint's failed deliveries of messages created from {@code since} until {@code until} (null: now). */
    public RecoverOut recover(String tenant, String endpoint, Instant since, Instant until) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(endpoint, "endpoint == null");
        requireNonNull(since, "since == null");
        RecoverIn in = new RecoverIn(since, until);
        return retrier.post(null, key -> api.recover(key, tenant, endpoint, in));
    }

    /** Attempt statistics over {@code [since, until)}; either bound may be null for the server's default window. */
    public EndpointStats stats(String tenant, String endpoint, Instant since, Instant until) {
        return stats(tenant, endpoint, since, until, null);
    }

    /**
     * Attempt statistics over {@code [since, until)} and, with a {@code bucket} of {@link #HOURLY} or
     * {@link #DAILY}, per UTC hour or day ({@link EndpointStats#buckets()}), for charts.
     */
    public EndpointStats stats(String tenant, String endpoint, Instant since, Instant until, String bucket) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(endpoint, "endpoint == null");
        return retrier.call(() -> api.stats(
                tenant,
                endpoint,
                Query.of()
                        .put("since", since)
                        .put("until", until)
                        .put("bucket", bucket)
                        .toMap()));
    }

    /**
     * A test send: {@code in.eventType()}'s example (or {@code in.example()}) delivered to this endpoint only, now,
     * signed and logged like any delivery; answers the attempt, whose trigger is {@code test}.
     */
    public Attempt sendExample(String tenant, String endpoint, SendExampleIn in) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(endpoint, "endpoint == null");
        requireNonNull(in, "in == null");
        return retrier.post(null, key -> api.sendExample(key, tenant, endpoint, in));
    }
}
