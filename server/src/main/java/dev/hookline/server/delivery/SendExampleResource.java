package dev.hookline.server.delivery;

import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.SendExampleIn;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.Permission;
import dev.hookline.server.auth.PortalAccess;
import dev.hookline.server.auth.TenantAccess;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/**
 * A test send: an event type's example delivered to one endpoint, now. Portal sessions that may resend may send one,
 * to the endpoints of their scope ({@code PortalGate} checks {@code {endpoint}}).
 */
@Path("/v1/tenants/{tenant}/endpoints/{endpoint}/send-example")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SendExampleResource {
    private final Redelivery redelivery;
    private final TenantAccess access;

    public SendExampleResource(Redelivery redelivery, TenantAccess access) {
        this.redelivery = Objects.requireNonNull(redelivery, "redelivery == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    /** Answers {@code 201} with the attempt (trigger {@code test}); {@code 409} if the endpoint is disabled. */
    @POST
    @PortalAccess(Permission.RESEND)
    public Response sendExample(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @PathParam("endpoint") String endpoint,
            SendExampleIn in)
            throws InterruptedException {
        Attempt attempt = redelivery.sendExample(access.tenantId(caller, tenant), endpoint, in);
        return Response.status(Response.Status.CREATED).entity(attempt).build();
    }
}
