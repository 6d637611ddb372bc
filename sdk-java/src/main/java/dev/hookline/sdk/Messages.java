package dev.hookline.sdk;

import static java.util.Objects.requireNonNull;

import dev.hookline.sdk.internal.MessagesApi;
import dev.hookline.sdk.internal.Query;
import dev.hookline.sdk.internal.Retrier;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Delivery;
import dev.hookline.sdk.model.ErrorBody;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.MessageBatchIn;
import dev.hookline.sdk.model.MessageBatchOut;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sending messages ({@code /v1/tenants/{t}/messages}) and following their deliveries.
 *
 * <pre>{@code
 * JsonNode payload = new ObjectMapper().valueToTree(Map.of("invoiceId", "inv_42", "amount", 1999));
 * Message sent = client.messages().send("acme", MessageIn.of("invoice.paid", payload));
 * client.messages().deliveries("acme", sent.id()).data().forEach(System.out::println);
 * }</pre>
 */
public final class Messages {
    private final MessagesApi api;
    private final Retrier retrier;

    Messages(MessagesApi api, Retrier retrier) {
        this.api = api;
        this.retrier = retrier;
    }

    /** Sends one message to every matching endpoint of the tenant, with a generated idempotency key. */
    public Message send(String tenant, MessageIn in) {
        return send(tenant, in, RequestOptions.none());
    }

    /** Sends one message; {@code options} may carry the caller's own idempotency key. */
    public Message send(String tenant, MessageIn in, RequestOptions options) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(in, "in == null");
        requireNonNull(options, "options == null");
        return retrier.post(options.idempotencyKey(), key -> api.send(key, tenant, in));
    }

    /**
     * Sends several messages in one request; answers them in order. Throws {@link ValidationException} when the server
     * refused some of them (payloads failing their event type's schema) even though it stored the others: use
     * {@link #sendBatchDetailed} where that can happen.
     */
    public List<Message> sendBatch(String tenant, List<MessageIn> messages) {
        return sendBatch(tenant, messages, RequestOptions.none());
    }

    public List<Message> sendBatch(String tenant, List<MessageIn> messages, RequestOptions options) {
        MessageBatchOut out = sendBatchDetailed(tenant, messages, options);
        if (!out.errors().isEmpty()) {
            List<ErrorBody.FieldError> details = new ArrayList<>();
            out.errors().forEach(e -> details.addAll(e.details()));
            throw new ValidationException(
                    207,
                    "validation_failed",
                    out.errors().size() + " of " + messages.size() + " messages were refused and "
                            + out.data().size() + " stored; sendBatchDetailed says which",
                    null,
                    details);
        }
        return out.data();
    }

    /**
     * Sends several messages in one request and answers the stored ones in order, and the refused ones (a payload that
     * fails its event type's schema) by their index in {@code messages}.
     */
    public MessageBatchOut sendBatchDetailed(String tenant, List<MessageIn> messages) {
        return sendBatchDetailed(tenant, messages, RequestOptions.none());
    }

    public MessageBatchOut sendBatchDetailed(String tenant, List<MessageIn> messages, RequestOptions options) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(messages, "messages == null");
        requireNonNull(options, "options == null");
        MessageBatchIn in = new MessageBatchIn(messages);
        return retrier.post(options.idempotencyKey(), key -> api.sendBatch(key, tenant, in));
    }

    public Page<Message> list(String tenant, MessageListParams params) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(params, "params == null");
        return retrier.call(() -> api.list(
                tenant,
                Query.of()
                        .put("eventType", params.eventType())
                        .put("channel", params.channel())
                        .put("endpointId", params.endpointId())
                        .put("status", params.status())
                        .put("include", params.withDeliveries() ? "deliveries" : null)
                        .put("since", params.since())
                        .put("until", params.until())
                        .put("limit", params.limit())
                        .put("iterator", params.iterator())
                        .toMap()));
    }

    /** Every message matching {@code params} (its iterator ignored), page by page. */
    public AutoPagingIterable<Message> listAll(String tenant, MessageListParams params) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(params, "params == null");
        return new AutoPagingIterable<>(iterator -> list(tenant, params.withIterator(iterator)));
    }

    public Message get(String tenant, String message) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(message, "message == null");
        return retrier.call(() -> api.get(tenant, message));
    }

    /** The state of the message towards each endpoint it was routed to. */
    public Page<Delivery> deliveries(String tenant, String message) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(message, "message == null");
        return retrier.call(() -> api.deliveries(tenant, message, Query.of().toMap()));
    }

    /**
     * Delivers the message to the endpoint once more, now. Returns the attempt when the server made it inline,
     * empty when it answered 202 and only queued it.
     */
    public Optional<Attempt> resend(String tenant, String message, String endpoint) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(message, "message == null");
        requireNonNull(endpoint, "endpoint == null");
        return Optional.ofNullable(retrier.post(null, key -> api.resend(key, tenant, message, endpoint)));
    }
}
