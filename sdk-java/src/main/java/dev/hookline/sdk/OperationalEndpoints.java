package dev.hookline.sdk;

import static java.util.Objects.requireNonNull;

import dev.hookline.sdk.internal.OperationalEndpointsApi;
import dev.hookline.sdk.internal.Query;
import dev.hookline.sdk.internal.Retrier;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.EndpointSecret;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.SecretRotateIn;
import java.util.Optional;

/**
 * The operator's operational endpoints ({@code /v1/operational-endpoints}, admin key only): they receive
 * {@link dev.hookline.sdk.model.OperationalEvent}s about every tenant's endpoints and deliveries, signed like any
 * delivery. Same fields, rules and secrets as a tenant's {@link Endpoints}; addressed by id or {@code uid}.
 *
 * <pre>{@code
 * Endpoint ops = admin.operationalEndpoints().create(EndpointIn.builder("https://ops.example/hookline")
 *         .eventTypes(List.of("endpoint.disabled", "message.attempt.exhausted"))
 *         .build());
 * String secret = admin.operationalEndpoints().secret(ops.id()).key();
 * }</pre>
 */
public final class OperationalEndpoints {
    private final OperationalEndpointsApi api;
    private final Retrier retrier;

    OperationalEndpoints(OperationalEndpointsApi api, Retrier retrier) {
        this.api = api;
        this.retrier = retrier;
    }

    public Page<Endpoint> list(Integer limit, String iterator) {
        return retrier.call(() -> api.list(
                Query.of().put("limit", limit).put("iterator", iterator).toMap()));
    }

    public AutoPagingIterable<Endpoint> listAll() {
        return new AutoPagingIterable<>(iterator -> list(null, iterator));
    }

    public Endpoint create(EndpointIn in) {
        requireNonNull(in, "in == null");
        return retrier.post(null, key -> api.create(key, in));
    }

    public Endpoint get(String endpoint) {
        requireNonNull(endpoint, "endpoint == null");
        return retrier.call(() -> api.get(endpoint));
    }

    /** Changes the non-null fields of {@code patch}; {@code disabled=false} re-enables a disabled endpoint. */
    public Endpoint update(String endpoint, EndpointPatch patch) {
        requireNonNull(endpoint, "endpoint == null");
        requireNonNull(patch, "patch == null");
        return retrier.call(() -> api.update(endpoint, patch));
    }

    public void delete(String endpoint) {
        requireNonNull(endpoint, "endpoint == null");
        retrier.call(() -> {
            api.delete(endpoint);
            return null;
        });
    }

    /** The current signing secret ({@code whsec_…}), or the {@code whpk_} public key of an Ed25519 one. */
    public EndpointSecret secret(String endpoint) {
        requireNonNull(endpoint, "endpoint == null");
        return retrier.call(() -> api.secret(endpoint));
    }

    /** Replaces the signing secret; the old one keeps signing alongside for the grace period. */
    public Optional<EndpointSecret> rotateSecret(String endpoint, SecretRotateIn in) {
        requireNonNull(endpoint, "endpoint == null");
        requireNonNull(in, "in == null");
        return Optional.ofNullable(retrier.post(null, key -> api.rotateSecret(key, endpoint, in)));
    }

    /** The endpoint's attempts, newest first, filtered by {@code params} (its {@code endpointId} is ignored). */
    public Page<Attempt> attempts(String endpoint, AttemptListParams params) {
        requireNonNull(endpoint, "endpoint == null");
        requireNonNull(params, "params == null");
        return retrier.call(() -> api.attempts(endpoint, Attempts.query(params, false)));
    }

    /** Every attempt of the endpoint matching {@code params} (its iterator ignored), page by page. */
    public AutoPagingIterable<Attempt> attemptsAll(String endpoint, AttemptListParams params) {
        requireNonNull(endpoint, "endpoint == null");
        requireNonNull(params, "params == null");
        return new AutoPagingIterable<>(iterator -> attempts(endpoint, params.withIterator(iterator)));
    }
}
