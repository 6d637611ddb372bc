package dev.hookline.server.attempts;

import dev.hookline.sdk.model.EndpointStats;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.Permission;
import dev.hookline.server.auth.PortalAccess;
import dev.hookline.server.auth.TenantAccess;
import dev.hookline.server.validation.TimeWindow;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;

/**
 * How an endpoint is doing: attempt counts by outcome and response class, success rate, latency percentiles, and
 * the same per hour or day for charts.
 */
@Path("/v1/tenants/{tenant}/endpoints")
@Produces(MediaType.APPLICATION_JSON)
public final class EndpointStatsResource {
    private final AttemptLog log;
    private final TenantAccess access;

    public EndpointStatsResource(AttemptLog log, TenantAccess access) {
        this.log = Objects.requireNonNull(log, "log == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    /**
     * Over {@code [since, until)}; {@code until} defaults to now and {@code since} to a day before it. With
     * {@code bucket} ({@code 1h}, {@code 1d}), also per UTC hour or day.
     */
    @GET
    @Path("/{endpoint}/stats")
    @PortalAccess(Permission.READ)
    public EndpointStats stats(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @PathParam("endpoint") String endpoint,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("bucket") String bucket) {
        return log.stats(access.tenantId(caller, tenant), endpoint, TimeWindow.parse(since, until), bucket);
    }
}
