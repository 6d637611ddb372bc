package dev.hookline.sdk.internal;

import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.EndpointSecret;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.SecretRotateIn;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/** Feign binding of {@code /v1/operational-endpoints}. Internal. */
public interface OperationalEndpointsApi {
    @RequestLine("GET /v1/operational-endpoints")
    Page<Endpoint> list(@QueryMap Map<String, Object> query);

    @RequestLine("POST /v1/operational-endpoints")
    @Headers("Idempotency-Key: {idempotencyKey}")
    Endpoint create(@Param("idempotencyKey") String idempotencyKey, EndpointIn in);

    @RequestLine(value = "GET /v1/operational-endpoints/{endpoint}", decodeSlash = false)
    Endpoint get(@Param("endpoint") String endpoint);

    @RequestLine(value = "PATCH /v1/operational-endpoints/{endpoint}", decodeSlash = false)
    Endpoint update(@Param("endpoint") String endpoint, EndpointPatch patch);

    @RequestLine(value = "DELETE /v1/operational-endpoints/{endpoint}", decodeSlash = false)
    void delete(@Param("endpoint") String endpoint);

    @RequestLine(value = "GET /v1/operational-endpoints/{endpoint}/secret", decodeSlash = false)
    EndpointSecret secret(@Param("endpoint") String endpoint);

    @RequestLine(value = "POST /v1/operational-endpoints/{endpoint}/secret/rotate", decodeSlash = false)
    @Headers("Idempotency-Key: {idempotencyKey}")
    EndpointSecret rotateSecret(
            @Param("idempotencyKey") String idempotencyKey, @Param("endpoint") String endpoint, SecretRotateIn in);

    @RequestLine(value = "GET /v1/operational-endpoints/{endpoint}/attempts", decodeSlash = false)
    Page<Attempt> attempts(@Param("endpoint") String endpoint, @QueryMap Map<String, Object> query);
}
