package dev.hookline.server.tenants;

import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.Tenant;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.sdk.model.TenantPatch;
import dev.hookline.server.Paging;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.TenantAccess;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/** Tenants: the operator creates and manages them; a tenant key may read its own tenant. */
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TenantsResource {
    private final TenantService tenants;
    private final TenantAccess access;

    public TenantsResource(TenantService tenants, TenantAccess access) {
        this.tenants = Objects.requireNonNull(tenants, "tenants == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    @GET
    public Page<Tenant> list(
            @Auth Caller caller, @QueryParam("limit") Integer limit, @QueryParam("iterator") String iterator) {
        access.requireAdmin(caller);
        return tenants.list(Paging.limit(limit), Paging.before(iterator));
    }

    @POST
    public Response create(@Auth Caller caller, TenantIn in) {
        access.requireAdmin(caller);
        return Response.status(Response.Status.CREATED)
                .entity(tenants.create(in))
                .build();
    }

    @GET
    @Path("/{tenant}")
    public Tenant get(@Auth Caller caller, @PathParam("tenant") String tenant) {
        return access.tenant(caller, tenant);
    }

    @PATCH
    @Path("/{tenant}")
    public Tenant update(@Auth Caller caller, @PathParam("tenant") String tenant, TenantPatch patch) {
        return tenants.update(access.adminTenant(caller, tenant), patch);
    }

    @DELETE
    @Path("/{tenant}")
    public Response delete(@Auth Caller caller, @PathParam("tenant") String tenant) {
        tenants.delete(access.adminTenant(caller, tenant));
        return Response.noContent().build();
    }
}
