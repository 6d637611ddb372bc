package dev.hookline.server.tenants;

import dev.hookline.sdk.model.ApiKey;
import dev.hookline.sdk.model.ApiKeyCreated;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.Paging;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.TenantAccess;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/**
 * A tenant's API keys, managed by the operator. The full key is in the creation answer and nowhere else; deleting a
 * key revokes it for the very next request.
 */
@Path("/v1/tenants/{tenant}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ApiKeysResource {
    private final TenantService tenants;
    private final TenantAccess access;

    public ApiKeysResource(TenantService tenants, TenantAccess access) {
        this.tenants = Objects.requireNonNull(tenants, "tenants == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    @GET
    public Page<ApiKey> list(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        return tenants.listKeys(access.adminTenant(caller, tenant), Paging.limit(limit), Paging.before(iterator));
    }

    @POST
    public Response create(@Auth Caller caller, @PathParam("tenant") String tenant, ApiKeyIn in) {
        ApiKeyCreated created = tenants.createKey(access.adminTenant(caller, tenant), in);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @DELETE
    @Path("/{keyId}")
    public Response delete(@Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("keyId") String keyId) {
        tenants.deleteKey(access.adminTenant(caller, tenant), keyId);
        return Response.noContent().build();
    }
}
