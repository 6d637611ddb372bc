package dev.hookline.sdk.model;

/**
 * Body of {@code POST /v1/tenants/{t}/api-keys}.
 *
 * <pre>{@code
 * client.apiKeys().create("acme", new ApiKeyIn("billing service"));
 * }</pre>
 */
public record ApiKeyIn(String name) {}
