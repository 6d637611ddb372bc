package dev.hookline.sdk.internal;

import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Page;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/** Feign binding of {@code /v1/tenants/{t}/attempts}. Internal. */
public interface AttemptsApi {
    @RequestLine(value = "GET /v1/tenants/{tenant}/attempts", decodeSlash = false)
    Page<Attempt> list(@Param("tenant") String tenant, @QueryMap Map<String, Object> query);

    @RequestLine(value = "GET /v1/tenants/{tenant}/attempts/{attempt}", decodeSlash = false)
    Attempt get(@Param("tenant") String tenant, @Param("attempt") String attempt);
}
