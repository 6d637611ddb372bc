package dev.hookline.server.portal;

import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.PortalSession;
import dev.hookline.sdk.model.PortalSessionCreated;
import dev.hookline.sdk.model.PortalSessionIn;
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
 * A tenant's portal sessions, minted by the operator or the tenant's own key (never by a portal session: no
 * {@code PortalAccess}). The token is in the creation answer and nowhere else; deleting a session revokes it for the
 * very next request.
 */
@Path("/v1/tenants/{tenant}/portal-sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PortalSessionsResource {
    private final PortalSessionService sessions;
    private final TenantAccess access;

    public PortalSessionsResource(PortalSessionService sessions, TenantAccess access) {
        this.sessions = Objects.requireNonNull(sessions, "sessions == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    @POST
    public Response create(@Auth Caller caller, @PathParam("tenant") String tenant, PortalSessionIn in) {
        PortalSessionCreated created = sessions.create(access.tenantId(caller, tenant), in);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    public Page<PortalSession> list(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        return sessions.list(access.tenantId(caller, tenant), Paging.limit(limit), Paging.before(iterator));
    }

    @DELETE
    @Path("/{sessionId}")
    public Response revoke(
            @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("sessionId") String sessionId) {
        sessions.revoke(access.tenantId(caller, tenant), sessionId);
        return Response.noContent().build();
    }
}
