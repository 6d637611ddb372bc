package dev.hookline.server.attempts;

import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.Permission;
import dev.hookline.server.auth.PortalAccess;
import dev.hookline.server.auth.TenantAccess;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Objects;

/** The delivery log: every attempt, newest first, filtered by any combination of endpoint, message, outcome and time. */
@Path("/v1/tenants/{tenant}/attempts")
@Produces(MediaType.APPLICATION_JSON)
public final class AttemptsResource {
    private final AttemptLog log;
    private final TenantAccess access;

    public AttemptsResource(AttemptLog log, TenantAccess access) {
        this.log = Objects.requireNonNull(log, "log == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    @GET
    @PortalAccess(Permission.READ)
    public Page<Attempt> list(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @QueryParam("endpointId") String endpointId,
            @QueryParam("messageId") String messageId,
            @QueryParam("status") String status,
            @QueryParam("statusCodeClass") String statusCodeClass,
            @QueryParam("eventType") String eventType,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        String tenantId = access.tenantId(caller, tenant);
        return log.list(AttemptFilters.query(
                tenantId,
                endpointId,
                messageId,
                status,
                statusCodeClass,
                eventType,
                since,
                until,
                limit,
                iterator,
                scope(caller)));
    }

    @GET
    @Path("/{attempt}")
    @PortalAccess(Permission.READ)
    public Attempt get(@Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("attempt") String attempt) {
        return log.get(access.tenantId(caller, tenant), attempt, caller.endpointScope());
    }

    private static List<String> scope(Caller caller) {
        return caller.endpointScope() == null ? null : List.copyOf(caller.endpointScope());
    }
}
