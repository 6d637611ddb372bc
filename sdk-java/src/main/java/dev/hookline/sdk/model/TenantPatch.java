package dev.hookline.sdk.model;

import java.util.Map;

/**
 * Body of {@code PATCH /v1/tenants/{t}}: every field is optional; {@code null} leaves it unchanged.
 *
 * <pre>{@code
 * client.tenants().update("acme", new TenantPatch("Acme Inc.", null, null));
 * }</pre>
 */
public record TenantPatch(String name, String uid, Map<String, String> metadata) {}
