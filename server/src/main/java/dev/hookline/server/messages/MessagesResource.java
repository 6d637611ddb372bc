package dev.hookline.server.messages;

import dev.hookline.core.messages.MessageQuery;
import dev.hookline.sdk.model.Delivery;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.MessageBatchOut;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.Paging;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.Permission;
import dev.hookline.server.auth.PortalAccess;
import dev.hookline.server.auth.TenantAccess;
import dev.hookline.server.validation.Includes;
import dev.hookline.server.validation.TimeWindow;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;

/** Sending messages and reading them back. The body is read as bytes so the payload is kept exactly as sent. */
@Path("/v1/tenants/{tenant}/messages")
@Produces(MediaType.APPLICATION_JSON)
public final class MessagesResource {
    private final SendIntake intake;
    private final MessageService messages;
    private final TenantAccess access;

    public MessagesResource(SendIntake intake, MessageService messages, TenantAccess access) {
        this.intake = Objects.requireNonNull(intake, "intake == null");
        this.messages = Objects.requireNonNull(messages, "messages == null");
        this.access = Objects.requireNonNull(access, "access == null");
    }

    /** A send that {@link FastSendFilter} did not take: answered as that filter answers the sends it takes. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @HeaderParam(SendIntake.IDEMPOTENCY_KEY) String idempotencyKey,
            byte[] body) {
        MessageService.Accepted accepted = intake.accept(caller, tenant, idempotencyKey, body);
        Response.ResponseBuilder response = Response.ok();
        Message answer = SendIntake.answer(
                accepted, response, Response.ResponseBuilder::status, Response.ResponseBuilder::header);
        return response.entity(answer).build();
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response sendBatch(@Auth Caller caller, @PathParam("tenant") String tenant, byte[] body) {
        MessageBatchOut out = intake.acceptBatch(caller, tenant, body);
        return Response.status(out.errors().isEmpty() ? 202 : 207).entity(out).build();
    }

    /**
     * Every message, also those not attempted yet; {@code endpointId} and {@code status} select them by their
     * deliveries, and {@code include=deliveries} counts each one's deliveries by status.
     */
    @GET
    @PortalAccess(Permission.READ)
    public Page<Message> list(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @QueryParam("eventType") String eventType,
            @QueryParam("channel") String channel,
            @QueryParam("endpointId") String endpointId,
            @QueryParam("status") String status,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("include") String include,
            @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        TimeWindow window = TimeWindow.parse(since, until);
        String tenantId = access.tenantId(caller, tenant);
        MessageQuery query = new MessageQuery(
                tenantId,
                eventType,
                channel,
                window.since(),
                window.until(),
                Paging.before(iterator),
                Paging.limit(limit),
                endpointId,
                MessageService.deliveryStatus(status),
                caller.endpointScope() == null ? null : List.copyOf(caller.endpointScope()));
        return messages.list(query, Includes.parse(include, "deliveries").contains("deliveries"));
    }

    @GET
    @Path("/{message}")
    @PortalAccess(Permission.READ)
    public Message get(@Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("message") String message) {
        return messages.get(access.tenantId(caller, tenant), message, caller.endpointScope());
    }

    @GET
    @Path("/{message}/deliveries")
    @PortalAccess(Permission.READ)
    public Page<Delivery> deliveries(
            @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("message") String message) {
        return new Page<>(
                messages.deliveries(access.tenantId(caller, tenant), message, caller.endpointScope()), null, true);
    }
}
