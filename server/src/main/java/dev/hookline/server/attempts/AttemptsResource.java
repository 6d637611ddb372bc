package dev.hookline.server.attempts;

import dev.hookline.core.attempts.AttemptDao;
import dev.hookline.core.db.Cursor;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.Paging;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.TenantAccess;
import dev.hookline.server.errors.ApiException;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/** The delivery log: every attempt, newest first, filtered by endpoint, message and outcome. */
@Path("/v1/tenants/{tenant}/attempts")
@Produces(MediaType.APPLICATION_JSON)
public final class AttemptsResource {
    private final Jdbi jdbi;
    private final TenantAccess access;

    public AttemptsResource(Jdbi jdbi, TenantAccess access) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    @GET
    public Page<Attempt> list(@Auth Caller caller, @PathParam("tenant") String tenant,
                              @QueryParam("endpointId") String endpointId, @QueryParam("messageId") String messageId,
                              @QueryParam("status") String status, @QueryParam("limit") Integer limit,
                              @QueryParam("iterator") String iterator) {
        String tenantId = access.tenantId(caller, tenant);
        if (status != null && !status.equals("succeeded") && !status.equals("failed")) {
            throw ApiException.invalid("status", "must be succeeded or failed");
        }
        int n = Paging.limit(limit);
        String before = Paging.before(iterator);
        return Cursor.page(jdbi.withExtension(AttemptDao.class,
                dao -> dao.list(tenantId, before, endpointId, messageId, status, n + 1)), n, Attempt::id);
    }

    @GET
    @Path("/{attempt}")
    public Attempt get(@Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("attempt") String attempt) {
        String tenantId = access.tenantId(caller, tenant);
        return jdbi.withExtension(AttemptDao.class, dao -> dao.find(tenantId, attempt))
                .orElseThrow(() -> ApiException.notFound("attempt"));
    }
}
