package dev.hookline.sdk.model;

import java.util.Map;

/**
 * Body of {@code POST /v1/tenants}. {@code uid} is the operator's own id for the tenant (optional, unique).
 *
 * <pre>{@code
 * client.tenants().create(new TenantIn("Acme", "acme", Map.of("plan", "pro")));
 * }</pre>
 */
public record TenantIn(String name, String uid, Map<String, String> metadata) {
    public TenantIn {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static TenantIn of(String name) {
        return new TenantIn(name, null, null);
    }
}
