package dev.hookline.sdk.model;

import java.util.Map;

/** Body of {@code PATCH /v1/tenants/{t}}: every field is optional; {@code null} leaves it unchanged. */
public record TenantPatch(String name, String uid, Map<String, String> metadata) {
}
