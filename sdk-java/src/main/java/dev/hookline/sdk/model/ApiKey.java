package dev.hookline.sdk.model;

import java.time.Instant;

/** A tenant API key as listed: never the key itself, only its first characters. */
public record ApiKey(String id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {
}
