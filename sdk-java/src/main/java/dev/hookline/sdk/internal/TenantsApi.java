package dev.hookline.sdk.internal;

import dev.hookline.sdk.model.Branding;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.Tenant;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.sdk.model.TenantPatch;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/** Feign binding of {@code /v1/tenants}. Internal. decodeSlash=false: a "/" in an id must not become a path segment. */
public interface TenantsApi {
    @RequestLine("GET /v1/tenants")
    Page<Tenant> list(@QueryMap Map<String, Object> query);

    @RequestLine("POST /v1/tenants")
    @Headers("Idempotency-Key: {idempotencyKey}")
    Tenant create(@Param("idempotencyKey") String idempotencyKey, TenantIn in);

    @RequestLine(value = "GET /v1/tenants/{tenant}", decodeSlash = false)
    Tenant get(@Param("tenant") String tenant);

    @RequestLine(value = "PATCH /v1/tenants/{tenant}", decodeSlash = false)
    Tenant update(@Param("tenant") String tenant, TenantPatch patch);

    @RequestLine(value = "DELETE /v1/tenants/{tenant}", decodeSlash = false)
    void delete(@Param("tenant") String tenant);

    @RequestLine(value = "GET /v1/tenants/{tenant}/branding", decodeSlash = false)
    Branding branding(@Param("tenant") String tenant);

    @RequestLine(value = "PUT /v1/tenants/{tenant}/branding", decodeSlash = false)
    Branding setBranding(@Param("tenant") String tenant, Branding branding);
}
