package dev.hookline.server.endpoints;

import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.EndpointSecret;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.SecretRotateIn;
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

/** A tenant's endpoints and their signing secrets. {@code {endpoint}} is an endpoint's id or uid. */
@Path("/v1/tenants/{tenant}/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EndpointsResource {
    private final EndpointService endpoints;
    private final TenantAccess access;

    public EndpointsResource(EndpointService endpoints, TenantAccess access) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    @GET
    public Page<Endpoint> list(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        return endpoints.list(access.tenantId(caller, tenant), Paging.limit(limit), Paging.before(iterator));
    }

    @POST
    public Response create(@Auth Caller caller, @PathParam("tenant") String tenant, EndpointIn in) {
        Endpoint created = endpoints.create(access.tenantId(caller, tenant), in);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("/{endpoint}")
    public Endpoint get(
            @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("endpoint") String endpoint) {
        return endpoints.get(access.tenantId(caller, tenant), endpoint);
    }

    @PATCH
    @Path("/{endpoint}")
    public Endpoint update(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @PathParam("endpoint") String endpoint,
            EndpointPatch patch) {
        return endpoints.update(access.tenantId(caller, tenant), endpoint, patch);
    }

    @DELETE
    @Path("/{endpoint}")
    public Response delete(
            @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("endpoint") String endpoint) {
        endpoints.delete(access.tenantId(caller, tenant), endpoint);
        return Response.noContent().build();
    }

    @GET
    @Path("/{endpoint}/secret")
    public EndpointSecret secret(
            @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("endpoint") String endpoint) {
        return endpoints.secret(access.tenantId(caller, tenant), endpoint);
    }

    @POST
    @Path("/{endpoint}/secret/rotate")
    public EndpointSecret rotate(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @PathParam("endpoint") String endpoint,
            SecretRotateIn in) {
        return endpoints.rotate(access.tenantId(caller, tenant), endpoint, in);
    }
}
