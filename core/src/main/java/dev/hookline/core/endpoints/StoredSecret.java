package dev.hookline.core.endpoints;

import java.time.Instant;

/** One row of {@code endpoint_secrets}: still encrypted; {@code kind} is {@code hmac} or {@code ed25519}. */
public record StoredSecret(
        String endpointId,
        String kind,
        String keyId,
        byte[] ciphertext,
        String publicKey,
        Instant createdAt,
        Instant expiresAt) {}
