package dev.hookline.sdk.model;

import java.time.Instant;
import java.util.Map;

/**
 * A tenant: one customer of the operator, owning endpoints and messages.
 *
 * <pre>{@code
 * Tenant t = client.tenants().get("acme");   // by id or uid
 * }</pre>
 */
public record Tenant(
        String id, String uid, String name, Map<String, String> metadata, Instant createdAt, Instant updatedAt) {
    public Tenant {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
