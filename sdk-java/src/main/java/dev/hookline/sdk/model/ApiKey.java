package dev.hookline.sdk.model;

import java.time.Instant;

/**
 * A tenant API key as listed: never the key itself, only its first characters.
 *
 * <pre>{@code
 * client.apiKeys().list("acme").data().forEach(k -> System.out.println(k.prefix() + " " + k.lastUsedAt()));
 * }</pre>
 */
public record ApiKey(String id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {}
