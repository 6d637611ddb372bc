package dev.hookline.sdk.model;

/** Body of {@code POST /v1/tenants/{t}/api-keys}. */
public record ApiKeyIn(String name) {
}
