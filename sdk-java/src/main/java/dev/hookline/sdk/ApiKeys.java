package dev.hookline.sdk;

import static java.util.Objects.requireNonNull;

import dev.hookline.sdk.internal.ApiKeysApi;
import dev.hookline.sdk.internal.Query;
import dev.hookline.sdk.internal.Retrier;
import dev.hookline.sdk.model.ApiKey;
import dev.hookline.sdk.model.ApiKeyCreated;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Page;

/**
 * A tenant's API keys ({@code /v1/tenants/{t}/api-keys}); needs the admin key. A tenant key reaches only its tenant.
 *
 * <pre>{@code
 * ApiKeyCreated created = client.apiKeys().create("acme", new ApiKeyIn("billing service"));
 * vault.store(created.key());   // shown this once; Hookline keeps only a hash
 * }</pre>
 */
public final class ApiKeys {
    private final ApiKeysApi api;
    private final Retrier retrier;

    ApiKeys(ApiKeysApi api, Retrier retrier) {
        this.api = api;
        this.retrier = retrier;
    }

    /** The first page of the tenant's keys (never the keys themselves, only their prefixes). */
    public Page<ApiKey> list(String tenant) {
        return list(tenant, null, null);
    }

    public Page<ApiKey> list(String tenant, Integer limit, String iterator) {
        requireNonNull(tenant, "tenant == null");
        return retrier.call(() -> api.list(
                tenant, Query.of().put("limit", limit).put("iterator", iterator).toMap()));
    }

    public AutoPagingIterable<ApiKey> listAll(String tenant) {
        requireNonNull(tenant, "tenant == null");
        return new AutoPagingIterable<>(iterator -> list(tenant, null, iterator));
    }

    /** Creates a key; the answer is the only time its full value is visible. */
    public ApiKeyCreated create(String tenant, ApiKeyIn in) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(in, "in == null");
        return retrier.post(null, key -> api.create(key, tenant, in));
    }

    /** Revokes a key at once. */
    public void delete(String tenant, String keyId) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(keyId, "keyId == null");
        retrier.call(() -> {
            api.delete(tenant, keyId);
            return null;
        });
    }
}
