package dev.hookline.server.tenants;

import dev.hookline.sdk.model.Branding;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.TenantAccess;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;

/**
 * How the tenant portal presents a tenant. The operator or the tenant's own key sets it; portal sessions read it
 * through {@code GET /v1/portal/session}.
 */
@Path("/v1/tenants/{tenant}/branding")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BrandingResource {
    private final TenantService tenants;
    private final TenantAccess access;

    public BrandingResource(TenantService tenants, TenantAccess access) {
        this.tenants = Objects.requireNonNull(tenants, "tenants == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    @GET
    public Branding get(@Auth Caller caller, @PathParam("tenant") String tenant) {
        return tenants.branding(access.tenantId(caller, tenant));
    }

    /** Replaces all three fields; an absent one is cleared. */
    @PUT
    public Branding put(@Auth Caller caller, @PathParam("tenant") String tenant, Branding branding) {
        return tenants.setBranding(access.tenantId(caller, tenant), branding);
    }
}
