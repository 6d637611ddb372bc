package dev.hookline.server.eventtypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.sdk.model.EventType;
import dev.hookline.sdk.model.EventTypeImportOut;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.EventTypePatch;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.Paging;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.Permission;
import dev.hookline.server.auth.PortalAccess;
import dev.hookline.server.auth.TenantAccess;
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
 * The global event-type catalogue: the operator writes it, every caller reads it. Listed by name, and exported and
 * imported as an OpenAPI 3.1 document of {@code webhooks}.
 */
@Path("/v1/event-types")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EventTypesResource {
    private final EventTypeService eventTypes;
    private final TenantAccess access;

    public EventTypesResource(EventTypeService eventTypes, TenantAccess access) {
        this.eventTypes = Objects.requireNonNull(eventTypes, "eventTypes == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    @GET
    @PortalAccess(Permission.READ)
    public Page<EventType> list(
            @Auth Caller caller, @QueryParam("limit") Integer limit, @QueryParam("iterator") String iterator) {
        return eventTypes.list(Paging.limit(limit), iterator);
    }

    @POST
    public Response create(@Auth Caller caller, EventTypeIn in) {
        access.requireAdmin(caller);
        return Response.status(Response.Status.CREATED)
                .entity(eventTypes.create(in))
                .build();
    }

    /** The whole catalogue as an OpenAPI 3.1 document: one {@code webhooks} entry per event type. */
    @GET
    @Path("/export/openapi")
    @PortalAccess(Permission.READ)
    public ObjectNode exportOpenApi(@Auth Caller caller) {
        return CatalogOpenApi.export(eventTypes.all());
    }

    /** Creates or replaces the event types of an OpenAPI 3.1 document's {@code webhooks}, all or none. */
    @POST
    @Path("/import/openapi")
    public EventTypeImportOut importOpenApi(@Auth Caller caller, JsonNode document) {
        access.requireAdmin(caller);
        return new EventTypeImportOut(eventTypes.importAll(CatalogOpenApi.read(document)));
    }

    @GET
    @Path("/{name}")
    @PortalAccess(Permission.READ)
    public EventType get(@Auth Caller caller, @PathParam("name") String name) {
        return eventTypes.get(name);
    }

    @PATCH
    @Path("/{name}")
    public EventType update(@Auth Caller caller, @PathParam("name") String name, EventTypePatch patch) {
        access.requireAdmin(caller);
        return eventTypes.update(name, patch);
    }

    @DELETE
    @Path("/{name}")
    public Response delete(@Auth Caller caller, @PathParam("name") String name) {
        access.requireAdmin(caller);
        eventTypes.delete(name);
        return Response.noContent().build();
    }
}
