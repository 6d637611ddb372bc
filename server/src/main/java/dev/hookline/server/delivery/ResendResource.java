package dev.hookline.server.delivery;

import dev.hookline.sdk.model.Attempt;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.Permission;
import dev.hookline.server.auth.PortalAccess;
import dev.hookline.server.auth.TenantAccess;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/** Sending one message to one endpoint again, now. */
@Path("/v1/tenants/{tenant}/messages")
@Produces(MediaType.APPLICATION_JSON)
public final class ResendResource {
    private final Redelivery redelivery;
    private final TenantAccess access;

    public ResendResource(Redelivery redelivery, TenantAccess access) {
        this.redelivery = Objects.requireNonNull(redelivery, "redelivery == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    /** Answers {@code 201} with the attempt that was made; {@code 409} if the endpoint is disabled. */
    @POST
    @Path("/{message}/endpoints/{endpoint}/resend")
    @PortalAccess(Permission.RESEND)
    public Response resend(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @PathParam("message") String message,
            @PathParam("endpoint") String endpoint)
            throws InterruptedException {
        Attempt attempt = redelivery.resend(access.tenantId(caller, tenant), message, endpoint, caller.endpointScope());
        return Response.status(Response.Status.CREATED).entity(attempt).build();
    }
}
