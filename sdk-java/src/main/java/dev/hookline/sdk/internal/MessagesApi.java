package dev.hookline.sdk.internal;

import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Delivery;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.MessageBatchIn;
import dev.hookline.sdk.model.MessageBatchOut;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.Page;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/** Feign binding of {@code /v1/tenants/{t}/messages}. Internal. */
public interface MessagesApi {
    @RequestLine(value = "POST /v1/tenants/{tenant}/messages", decodeSlash = false)
    @Headers("Idempotency-Key: {idempotencyKey}")
    Message send(@Param("idempotencyKey") String idempotencyKey, @Param("tenant") String tenant, MessageIn in);

    @RequestLine(value = "POST /v1/tenants/{tenant}/messages/batch", decodeSlash = false)
    @Headers("Idempotency-Key: {idempotencyKey}")
    MessageBatchOut sendBatch(
            @Param("idempotencyKey") String idempotencyKey, @Param("tenant") String tenant, MessageBatchIn in);

    @RequestLine(value = "GET /v1/tenants/{tenant}/messages", decodeSlash = false)
    Page<Message> list(@Param("tenant") String tenant, @QueryMap Map<String, Object> query);

    @RequestLine(value = "GET /v1/tenants/{tenant}/messages/{message}", decodeSlash = false)
    Message get(@Param("tenant") String tenant, @Param("message") String message);

    @RequestLine(value = "GET /v1/tenants/{tenant}/messages/{message}/deliveries", decodeSlash = false)
    Page<Delivery> deliveries(
            @Param("tenant") String tenant, @Param("message") String message, @QueryMap Map<String, Object> query);

    /** Answers the attempt, or 202 without a body (null here) when it was only queued. */
    @RequestLine(
            value = "POST /v1/tenants/{tenant}/messages/{message}/endpoints/{endpoint}/resend",
            decodeSlash = false)
    @Headers("Idempotency-Key: {idempotencyKey}")
    Attempt resend(
            @Param("idempotencyKey") String idempotencyKey,
            @Param("tenant") String tenant,
            @Param("message") String message,
            @Param("endpoint") String endpoint);
}
