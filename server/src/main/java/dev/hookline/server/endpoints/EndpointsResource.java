package dev.hookline.server.endpoints;

import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.EndpointSecret;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.SecretRotateIn;
import dev.hookline.server.Paging;
import dev.hookline.server.attempts.EndpointHealthReader;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.Permission;
import dev.hookline.server.auth.PortalAccess;
import dev.hookline.server.auth.TenantAccess;
import dev.hookline.server.validation.Includes;
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
import java.util.List;
import java.util.Objects;

/** A tenant's endpoints and their signing secrets. {@code {endpoint}} is an endpoint's id or uid. */
@Path("/v1/tenants/{tenant}/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EndpointsResource {
    private final EndpointService endpoints;
    private final EndpointHealthReader health;
    private final TenantAccess access;

    public EndpointsResource(EndpointService endpoints, EndpointHealthReader health, TenantAccess access) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
        this.health = Objects.requireNonNull(health, "health == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    /** A page of endpoints (only its own to a session limited to some); {@code include=health} adds their health. */
    @GET
    @PortalAccess(Permission.READ)
    public Page<Endpoint> list(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @QueryParam("include") String include,
            @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        boolean withHealth = Includes.parse(include, "health").contains("health");
        String tenantId = access.tenantId(caller, tenant);
        Page<Endpoint> page =
                endpoints.list(tenantId, caller.endpointScope(), Paging.limit(limit), Paging.before(iterator));
        return withHealth ? new Page<>(health.withHealth(tenantId, page.data()), page.iterator(), page.done()) : page;
    }

    @POST
    @PortalAccess(value = Permission.MANAGE_ENDPOINTS, wholeTenantOnly = true)
    public Response create(@Auth Caller caller, @PathParam("tenant") String tenant, EndpointIn in) {
        Endpoint created = endpoints.create(access.tenantId(caller, tenant), in);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("/{endpoint}")
    @PortalAccess(Permission.READ)
    public Endpoint get(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @PathParam("endpoint") String endpoint,
            @QueryParam("include") String include) {
        boolean withHealth = Includes.parse(include, "health").contains("health");
        String tenantId = access.tenantId(caller, tenant);
        Endpoint found = endpoints.get(tenantId, endpoint);
        return withHealth ? health.withHealth(tenantId, List.of(found)).get(0) : found;
    }

    @PATCH
    @Path("/{endpoint}")
    @PortalAccess(Permission.MANAGE_ENDPOINTS)
    public Endpoint update(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @PathParam("endpoint") String endpoint,
            EndpointPatch patch) {
        return endpoints.update(access.tenantId(caller, tenant), endpoint, patch);
    }

    @DELETE
    @Path("/{endpoint}")
    @PortalAccess(Permission.MANAGE_ENDPOINTS)
    public Response delete(
            @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("endpoint") String endpoint) {
        endpoints.delete(access.tenantId(caller, tenant), endpoint);
        return Response.noContent().build();
    }

    @GET
    @Path("/{endpoint}/secret")
    @PortalAccess(Permission.VIEW_SECRETS)
    public EndpointSecret secret(
            @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("endpoint") String endpoint) {
        return endpoints.secret(access.tenantId(caller, tenant), endpoint);
    }

    /** Rotating answers the new secret, so a portal session needs {@code view_secrets} for it as well. */
    @POST
    @Path("/{endpoint}/secret/rotate")
    @PortalAccess({Permission.MANAGE_ENDPOINTS, Permission.VIEW_SECRETS})
    public EndpointSecret rotate(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @PathParam("endpoint") String endpoint,
            SecretRotateIn in) {
        return endpoints.rotate(access.tenantId(caller, tenant), endpoint, in);
    }
}
