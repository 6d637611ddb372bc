package dev.hookline.server.attempts;

import dev.hookline.core.tenants.OperatorTenant;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.TenantAccess;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;

/** The delivery log of one operational endpoint, for the admin key: the same attempts and filters as a tenant's. */
@Path("/v1/operational-endpoints/{endpoint}/attempts")
@Produces(MediaType.APPLICATION_JSON)
public final class OperationalAttemptsResource {
    private final AttemptLog log;
    private final TenantAccess access;

    public OperationalAttemptsResource(AttemptLog log, TenantAccess access) {
        this.log = Objects.requireNonNull(log, "log == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    @GET
    public Page<Attempt> list(
            @Auth Caller caller,
            @PathParam("endpoint") String endpoint,
            @QueryParam("messageId") String messageId,
            @QueryParam("status") String status,
            @QueryParam("statusCodeClass") String statusCodeClass,
            @QueryParam("eventType") String eventType,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        access.requireAdmin(caller);
        return log.listOfEndpoint(AttemptFilters.query(
                OperatorTenant.ID,
                endpoint,
                messageId,
                status,
                statusCodeClass,
                eventType,
                since,
                until,
                limit,
                iterator,
                null));
    }
}
