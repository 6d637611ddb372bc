package dev.hookline.sdk;

import static java.util.Objects.requireNonNull;

import dev.hookline.sdk.internal.Query;
import dev.hookline.sdk.internal.Retrier;
import dev.hookline.sdk.internal.TenantsApi;
import dev.hookline.sdk.model.Branding;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.Tenant;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.sdk.model.TenantPatch;

/**
 * Tenants ({@code /v1/tenants}); needs the operator's admin key. A tenant is addressed by its id or its {@code uid}.
 *
 * <pre>{@code
 * Tenant acme = client.tenants().create(new TenantIn("Acme", "acme", Map.of("plan", "pro")));
 * client.tenants().update("acme", new TenantPatch("Acme Inc.", null, null));
 * }</pre>
 */
public final class Tenants {
    private final TenantsApi api;
    private final Retrier retrier;

    Tenants(TenantsApi api, Retrier retrier) {
        this.api = api;
        this.retrier = retrier;
    }

    /** The first page, newest first. */
    public Page<Tenant> list() {
        return list(null, null);
    }

    /** One page: {@code limit} 1–250 (null: 50), {@code iterator} from the previous page (null: the first). */
    public Page<Tenant> list(Integer limit, String iterator) {
        return retrier.call(() -> api.list(
                Query.of().put("limit", limit).put("iterator", iterator).toMap()));
    }

    /** Every tenant, fetched page by page as the iteration proceeds. */
    public AutoPagingIterable<Tenant> listAll() {
        return new AutoPagingIterable<>(iterator -> list(null, iterator));
    }

    public Tenant create(TenantIn in) {
        requireNonNull(in, "in == null");
        return retrier.post(null, key -> api.create(key, in));
    }

    public Tenant get(String idOrUid) {
        requireNonNull(idOrUid, "idOrUid == null");
        return retrier.call(() -> api.get(idOrUid));
    }

    /** Changes the non-null fields of {@code patch}. */
    public Tenant update(String idOrUid, TenantPatch patch) {
        requireNonNull(idOrUid, "idOrUid == null");
        requireNonNull(patch, "patch == null");
        return retrier.call(() -> api.update(idOrUid, patch));
    }

    /** Deletes the tenant with its endpoints, messages and keys. */
    public void delete(String idOrUid) {
        requireNonNull(idOrUid, "idOrUid == null");
        retrier.call(() -> {
            api.delete(idOrUid);
            return null;
        });
    }

    /** How the tenant portal presents the tenant (admin key or the tenant's key); fields never set are null. */
    public Branding branding(String idOrUid) {
        requireNonNull(idOrUid, "idOrUid == null");
        return retrier.call(() -> api.branding(idOrUid));
    }

    /**
     * Replaces the tenant's portal branding (admin key or the tenant's key); a null field is cleared.
     * {@code accentColor} is {@code #rrggbb}, {@code logoUrl} an absolute http(s) URL.
     */
    public Branding setBranding(String idOrUid, Branding branding) {
        requireNonNull(idOrUid, "idOrUid == null");
        requireNonNull(branding, "branding == null");
        return retrier.call(() -> api.setBranding(idOrUid, branding));
    }
}
