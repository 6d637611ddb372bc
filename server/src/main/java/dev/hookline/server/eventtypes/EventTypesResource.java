package dev.hookline.server.eventtypes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.core.db.Json;
import dev.hookline.core.eventtypes.EventTypeDao;
import dev.hookline.sdk.model.EventType;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.EventTypePatch;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.Paging;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.TenantAccess;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.validation.Checks;
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
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The global event-type catalogue: the operator writes it, every caller reads it. Listed by name. */
@Path("/v1/event-types")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EventTypesResource {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-]{1,256}");
    private final Jdbi jdbi;
    private final TenantAccess access;
    private final Clock clock;

    public EventTypesResource(Jdbi jdbi, TenantAccess access, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.access = Objects.requireNonNull(access, "access == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @GET
    public Page<EventType> list(
            @Auth Caller caller, @QueryParam("limit") Integer limit, @QueryParam("iterator") String iterator) {
        int n = Paging.limit(limit);
        if (iterator != null && !NAME.matcher(iterator).matches()) {
            throw ApiException.invalid("iterator", "is not an iterator this API returned");
        }
        List<EventType> rows =
                jdbi.withExtension(EventTypeDao.class, dao -> dao.list(iterator == null ? "" : iterator, n + 1));
        boolean more = rows.size() > n;
        List<EventType> data = more ? rows.subList(0, n) : rows;
        return new Page<>(data, more ? data.get(n - 1).name() : null, !more);
    }

    @POST
    public Response create(@Auth Caller caller, EventTypeIn in) {
        access.requireAdmin(caller);
        if (in == null) {
            throw ApiException.invalid("body", "is required");
        }
        Checks checks = new Checks();
        if (in.name() == null) {
            checks.fail("name", "is required");
        } else if (!NAME.matcher(in.name()).matches()) {
            checks.fail("name", "must be 1 to 256 characters of letters, digits, '_', '.' or '-'");
        }
        checks.text("description", in.description(), 0, 4096, false);
        schema(checks, in.schema());
        checks.throwIfAny();
        try {
            jdbi.useExtension(
                    EventTypeDao.class,
                    dao -> dao.insert(
                            in.name(),
                            in.description() == null ? "" : in.description(),
                            schemaJson(in.schema()),
                            Boolean.TRUE.equals(in.archived()),
                            clock.instant()));
        } catch (UnableToExecuteStatementException e) {
            if (Checks.isUniqueViolation(e)) {
                throw ApiException.conflict("an event type with this name exists already", "name");
            }
            throw e;
        }
        return Response.status(Response.Status.CREATED).entity(find(in.name())).build();
    }

    @GET
    @Path("/{name}")
    public EventType get(@Auth Caller caller, @PathParam("name") String name) {
        return find(name);
    }

    @PATCH
    @Path("/{name}")
    public EventType update(@Auth Caller caller, @PathParam("name") String name, EventTypePatch patch) {
        access.requireAdmin(caller);
        if (patch == null) {
            throw ApiException.invalid("body", "is required");
        }
        Checks checks = new Checks();
        checks.text("description", patch.description(), 0, 4096, false);
        schema(checks, patch.schema());
        checks.throwIfAny();
        int changed = jdbi.withExtension(
                EventTypeDao.class,
                dao -> dao.update(
                        name, patch.description(), schemaJson(patch.schema()), patch.archived(), clock.instant()));
        if (changed == 0) {
            throw ApiException.notFound("event type");
        }
        return find(name);
    }

    @DELETE
    @Path("/{name}")
    public Response delete(@Auth Caller caller, @PathParam("name") String name) {
        access.requireAdmin(caller);
        if (jdbi.withExtension(EventTypeDao.class, dao -> dao.delete(name)) == 0) {
            throw ApiException.notFound("event type");
        }
        return Response.noContent().build();
    }

    /** The schema is kept for documentation only, but it must at least be a JSON Schema's shape: an object. */
    private static void schema(Checks checks, JsonNode schema) {
        if (schema != null && !schema.isNull() && !schema.isObject()) {
            checks.fail("schema", "must be a JSON object (a JSON Schema)");
        } else if (schema != null && Json.write(schema).contains("\\u0000")) { // jsonb cannot hold NUL
            checks.fail("schema", "must not contain NUL characters");
        }
    }

    private static String schemaJson(JsonNode schema) {
        return schema == null || schema.isNull() ? null : Json.write(schema);
    }

    private EventType find(String name) {
        return jdbi.withExtension(EventTypeDao.class, dao -> dao.find(name))
                .orElseThrow(() -> ApiException.notFound("event type"));
    }
}
