package dev.hookline.sdk.internal;

import dev.hookline.sdk.model.ApiKey;
import dev.hookline.sdk.model.ApiKeyCreated;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Page;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/** Feign binding of {@code /v1/tenants/{t}/api-keys}. Internal. */
public interface ApiKeysApi {
    @RequestLine(value = "GET /v1/tenants/{tenant}/api-keys", decodeSlash = false)
    Page<ApiKey> list(@Param("tenant") String tenant, @QueryMap Map<String, Object> query);

    @RequestLine(value = "POST /v1/tenants/{tenant}/api-keys", decodeSlash = false)
    @Headers("Idempotency-Key: {idempotencyKey}")
    ApiKeyCreated create(@Param("idempotencyKey") String idempotencyKey, @Param("tenant") String tenant, ApiKeyIn in);

    @RequestLine(value = "DELETE /v1/tenants/{tenant}/api-keys/{keyId}", decodeSlash = false)
    void delete(@Param("tenant") String tenant, @Param("keyId") String keyId);
}
