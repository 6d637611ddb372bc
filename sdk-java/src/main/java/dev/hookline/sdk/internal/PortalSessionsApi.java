package dev.hookline.sdk.internal;

import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.PortalSession;
import dev.hookline.sdk.model.PortalSessionCreated;
import dev.hookline.sdk.model.PortalSessionIn;
import dev.hookline.sdk.model.PortalSessionInfo;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/** Feign binding of {@code /v1/tenants/{t}/portal-sessions} and {@code /v1/portal/session}. Internal. */
public interface PortalSessionsApi {
    @RequestLine(value = "POST /v1/tenants/{tenant}/portal-sessions", decodeSlash = false)
    @Headers("Idempotency-Key: {idempotencyKey}")
    PortalSessionCreated create(
            @Param("idempotencyKey") String idempotencyKey, @Param("tenant") String tenant, PortalSessionIn in);

    @RequestLine(value = "GET /v1/tenants/{tenant}/portal-sessions", decodeSlash = false)
    Page<PortalSession> list(@Param("tenant") String tenant, @QueryMap Map<String, Object> query);

    @RequestLine(value = "DELETE /v1/tenants/{tenant}/portal-sessions/{sessionId}", decodeSlash = false)
    void revoke(@Param("tenant") String tenant, @Param("sessionId") String sessionId);

    @RequestLine("GET /v1/portal/session")
    PortalSessionInfo current();
}
