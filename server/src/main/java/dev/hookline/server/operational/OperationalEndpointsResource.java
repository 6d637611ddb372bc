package dev.hookline.server.operational;

import dev.hookline.core.tenants.OperatorTenant;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.EndpointSecret;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.SecretRotateIn;
import dev.hookline.server.Paging;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.TenantAccess;
import dev.hookline.server.endpoints.EndpointService;
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

/**
 * The operator's operational endpoints, which receive events about every tenant's endpoints and deliveries. They are
 * endpoints of the reserved {@link OperatorTenant}, with the same fields, rules and secrets as a tenant's, managed
 * with the admin key only. {@code {endpoint}} is an endpoint's id or uid.
 */
@Path("/v1/operational-endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class OperationalEndpointsResource {
    private final EndpointService endpoints;
    private final TenantAccess access;

    public OperationalEndpointsResource(EndpointService endpoints, TenantAccess access) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    @GET
    public Page<Endpoint> list(
            @Auth Caller caller, @QueryParam("limit") Integer limit, @QueryParam("iterator") String iterator) {
        return endpoints.list(operator(caller), Paging.limit(limit), Paging.before(iterator));
    }

    @POST
    public Response create(@Auth Caller caller, EndpointIn in) {
        Endpoint created = endpoints.create(operator(caller), in);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("/{endpoint}")
    public Endpoint get(@Auth Caller caller, @PathParam("endpoint") String endpoint) {
        return endpoints.get(operator(caller), endpoint);
    }

    @PATCH
    @Path("/{endpoint}")
    public Endpoint update(@Auth Caller caller, @PathParam("endpoint") String endpoint, EndpointPatch patch) {
        return endpoints.update(operator(caller), endpoint, patch);
    }

    @DELETE
    @Path("/{endpoint}")
    public Response delete(@Auth Caller caller, @PathParam("endpoint") String endpoint) {
        endpoints.delete(operator(caller), endpoint);
        return Response.noContent().build();
    }

    @GET
    @Path("/{endpoint}/secret")
    public EndpointSecret secret(@Auth Caller caller, @PathParam("endpoint") String endpoint) {
        return endpoints.secret(operator(caller), endpoint);
    }

    @POST
    @Path("/{endpoint}/secret/rotate")
    public EndpointSecret rotate(@Auth Caller caller, @PathParam("endpoint") String endpoint, SecretRotateIn in) {
        return endpoints.rotate(operator(caller), endpoint, in);
    }

    /** The operator's tenant, for the admin key; a 403 for any other. */
    private String operator(Caller caller) {
        access.requireAdmin(caller);
        return OperatorTenant.ID;
    }
}
