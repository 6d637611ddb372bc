package dev.hookline.sdk.internal;

import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.EndpointSecret;
import dev.hookline.sdk.model.EndpointStats;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.RecoverIn;
import dev.hookline.sdk.model.RecoverOut;
import dev.hookline.sdk.model.SecretRotateIn;
import dev.hookline.sdk.model.SendExampleIn;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/** Feign binding of {@code /v1/tenants/{t}/endpoints}. Internal. */
public interface EndpointsApi {
    @RequestLine(value = "GET /v1/tenants/{tenant}/endpoints", decodeSlash = false)
    Page<Endpoint> list(@Param("tenant") String tenant, @QueryMap Map<String, Object> query);

    @RequestLine(value = "POST /v1/tenants/{tenant}/endpoints", decodeSlash = false)
    @Headers("Idempotency-Key: {idempotencyKey}")
    Endpoint create(@Param("idempotencyKey") String idempotencyKey, @Param("tenant") String tenant, EndpointIn in);

    @RequestLine(value = "GET /v1/tenants/{tenant}/endpoints/{endpoint}", decodeSlash = false)
    Endpoint get(
            @Param("tenant") String tenant, @Param("endpoint") String endpoint, @QueryMap Map<String, Object> query);

    @RequestLine(value = "PATCH /v1/tenants/{tenant}/endpoints/{endpoint}", decodeSlash = false)
    Endpoint update(@Param("tenant") String tenant, @Param("endpoint") String endpoint, EndpointPatch patch);

    @RequestLine(value = "DELETE /v1/tenants/{tenant}/endpoints/{endpoint}", decodeSlash = false)
    void delete(@Param("tenant") String tenant, @Param("endpoint") String endpoint);

    @RequestLine(value = "GET /v1/tenants/{tenant}/endpoints/{endpoint}/secret", decodeSlash = false)
    EndpointSecret secret(@Param("tenant") String tenant, @Param("endpoint") String endpoint);

    /** Answers 204 (null here) or the new secret. */
    @RequestLine(value = "POST /v1/tenants/{tenant}/endpoints/{endpoint}/secret/rotate", decodeSlash = false)
    @Headers("Idempotency-Key: {idempotencyKey}")
    EndpointSecret rotateSecret(
            @Param("idempotencyKey") String idempotencyKey,
            @Param("tenant") String tenant,
            @Param("endpoint") String endpoint,
            SecretRotateIn in);

    @RequestLine(value = "POST /v1/tenants/{tenant}/endpoints/{endpoint}/recover", decodeSlash = false)
    @Headers("Idempotency-Key: {idempotencyKey}")
    RecoverOut recover(
            @Param("idempotencyKey") String idempotencyKey,
            @Param("tenant") String tenant,
            @Param("endpoint") String endpoint,
            RecoverIn in);

    @RequestLine(value = "GET /v1/tenants/{tenant}/endpoints/{endpoint}/stats", decodeSlash = false)
    EndpointStats stats(
            @Param("tenant") String tenant, @Param("endpoint") String endpoint, @QueryMap Map<String, Object> query);

    @RequestLine(value = "POST /v1/tenants/{tenant}/endpoints/{endpoint}/send-example", decodeSlash = false)
    @Headers("Idempotency-Key: {idempotencyKey}")
    Attempt sendExample(
            @Param("idempotencyKey") String idempotencyKey,
            @Param("tenant") String tenant,
            @Param("endpoint") String endpoint,
            SendExampleIn in);
}
