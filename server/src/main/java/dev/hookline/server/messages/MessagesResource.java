package dev.hookline.server.messages;

import dev.hookline.core.messages.MessageQuery;
import dev.hookline.sdk.model.Delivery;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.Paging;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.TenantAccess;
import dev.hookline.server.errors.ApiException;
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
import java.util.Map;
import java.util.Objects;

/** Sending messages and reading them back. The body is read as bytes so the payload is kept exactly as sent. */
@Path("/v1/tenants/{tenant}/messages")
@Produces(MediaType.APPLICATION_JSON)
public final class MessagesResource {
    static final int MAX_BATCH = 100;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private final MessageService messages;
    private final TenantAccess access;
    private final int maxPayloadBytes;

    public MessagesResource(MessageService messages, TenantAccess access, int maxPayloadBytes) {
        this.messages = Objects.requireNonNull(messages, "messages == null");
        this.access = Objects.requireNonNull(access, "access == null");
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            byte[] body) {
        MessageService.Sent sent = accept(caller, tenant, idempotencyKey, body);
        Response.ResponseBuilder response =
                sent.replayed() ? Response.ok().header(REPLAYED, "true") : Response.accepted();
        return response.entity(MessageService.toApi(sent.message())).build();
    }

    /**
     * What a send does once its caller is known, whichever way it came in: through Jersey ({@link #send}), or, in
     * its usual shape, through {@link FastSendFilter}. Throws the {@link ApiException} of the error body.
     */
    MessageService.Sent accept(Caller caller, String tenant, String idempotencyKey, byte[] body) {
        String tenantId = access.tenantId(caller, tenant);
        checkSize(body, maxSendBodyBytes());
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 256)) {
            throw ApiException.invalid(IDEMPOTENCY_KEY, "must be 1 to 256 characters");
        }
        IncomingMessage in = MessageParser.parse(body);
        if (in.payload().length > maxPayloadBytes) {
            throw ApiException.tooLarge("payload", "must be at most " + maxPayloadBytes + " bytes");
        }
        return messages.send(tenantId, in, idempotencyKey);
    }

    /** The largest body of a single send: its payload and the message's other fields. */
    long maxSendBodyBytes() {
        return maxPayloadBytes + 64 * 1024;
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response sendBatch(@Auth Caller caller, @PathParam("tenant") String tenant, byte[] body) {
        String tenantId = access.tenantId(caller, tenant);
        checkSize(body, (long) maxPayloadBytes * 4 + 64 * 1024);
        List<IncomingMessage> batch = MessageParser.parseBatch(body, MAX_BATCH);
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).payload().length > maxPayloadBytes) {
                throw ApiException.tooLarge(
                        "messages." + i + ".payload", "must be at most " + maxPayloadBytes + " bytes");
            }
        }
        List<Message> sent = messages.sendBatch(tenantId, batch).stream()
                .map(s -> MessageService.toApi(s.message()))
                .toList();
        return Response.accepted().entity(Map.of("data", sent)).build();
    }

    @GET
    public Page<Message> list(
            @Auth Caller caller,
            @PathParam("tenant") String tenant,
            @QueryParam("eventType") String eventType,
            @QueryParam("channel") String channel,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        TimeWindow window = TimeWindow.parse(since, until);
        return messages.list(new MessageQuery(
                access.tenantId(caller, tenant),
                eventType,
                channel,
                window.since(),
                window.until(),
                Paging.before(iterator),
                Paging.limit(limit)));
    }

    @GET
    @Path("/{message}")
    public Message get(@Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("message") String message) {
        return messages.get(access.tenantId(caller, tenant), message);
    }

    @GET
    @Path("/{message}/deliveries")
    public Page<Delivery> deliveries(
            @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("message") String message) {
        return new Page<>(messages.deliveries(access.tenantId(caller, tenant), message), null, true);
    }

    private static void checkSize(byte[] body, long max) {
        if (body == null || body.length == 0) {
            throw ApiException.invalid("body", "is required");
        }
        if (body.length > max) {
            throw ApiException.tooLarge("body", "must be at most " + max + " bytes");
        }
    }
}
