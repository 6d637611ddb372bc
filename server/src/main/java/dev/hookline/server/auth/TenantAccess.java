package dev.hookline.server.auth;

import dev.hookline.core.tenants.OperatorTenant;
import dev.hookline.core.tenants.TenantDao;
import dev.hookline.sdk.model.Tenant;
import dev.hookline.server.errors.ApiException;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Tenant scoping, done once: resolves the {@code {tenant}} path segment (id or uid) to a tenant the caller may
 * see. A tenant key asking for any other tenant gets the same 404 as for a tenant that does not exist, so keys
 * learn nothing about other tenants. The operator's own tenant ({@link OperatorTenant}) is not found here by anyone,
 * the admin key included: its endpoints are reached only through the operational-endpoint routes.
 */
public final class TenantAccess {
    private final Jdbi jdbi;
    private final AuthCache cache;

    public TenantAccess(Jdbi jdbi, AuthCache cache) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.cache = Objects.requireNonNull(cache, "cache == null");
    }

    /** The id of the tenant named by {@code ref}, or 404; remembered for a few seconds, as it is asked on every request. */
    public String tenantId(Caller caller, String ref) {
        String id = cache.tenantIdOfRef(
                        ref,
                        r -> jdbi.withExtension(TenantDao.class, dao -> dao.find(r))
                                .map(Tenant::id))
                .orElseThrow(() -> ApiException.notFound("tenant"));
        if (OperatorTenant.is(id) || (!caller.admin() && !id.equals(caller.tenantId()))) {
            throw ApiException.notFound("tenant");
        }
        return id;
    }

    public Tenant tenant(Caller caller, String ref) {
        Tenant tenant = jdbi.withExtension(TenantDao.class, dao -> dao.find(ref))
                .orElseThrow(() -> ApiException.notFound("tenant"));
        if (OperatorTenant.is(tenant.id()) || (!caller.admin() && !tenant.id().equals(caller.tenantId()))) {
            throw ApiException.notFound("tenant");
        }
        return tenant;
    }

    /**
     * The tenant named by {@code ref}, for an operator-only operation on it (update, delete, API keys). The tenant
     * is resolved first, so a tenant key naming another tenant gets the same 404 as everywhere else and a 403 only
     * ever concerns its own tenant.
     */
    public Tenant adminTenant(Caller caller, String ref) {
        Tenant tenant = tenant(caller, ref);
        requireAdmin(caller);
        return tenant;
    }

    /** Operator-only operations: tenants, API keys, event-type writes. */
    public void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw ApiException.forbidden("this operation needs the operator's admin key");
        }
    }
}
