package dev.hookline.server.delivery;

import dev.hookline.sdk.model.RecoverIn;
import dev.hookline.sdk.model.RecoverOut;
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

/** Re-queueing an endpoint's failed deliveries, typically once it is fixed (and re-enabled). */
@Path("/v1/tenants/{tenant}/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RecoverResource {
    private final Redelivery redelivery;
    private final TenantAccess access;

    public RecoverResource(Redelivery redelivery, TenantAccess access) {
        this.redelivery = Objects.requireNonNull(redelivery, "redelivery == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    /** {@code {"since", "until"?}} → {@code 202 {"queued": n}}; {@code 409} while the endpoint is disabled. */
    @POST
    @Path("/{endpoint}/recover")
    @PortalAccess(Permission.RESEND)
    public Response recover(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @PathParam("endpoint") String endpoint,
            RecoverIn in) {
        RecoverOut out = redelivery.recover(access.tenantId(caller, tenant), endpoint, in);
        return Response.accepted(out).build();
    }
}
