package dev.hookline.core.portal;

import java.time.Instant;
import java.util.List;

/** A portal session row; {@code endpointIds} null for the whole tenant, {@code revokedAt} null while not revoked. */
public record StoredPortalSession(
        String id,
        String tenantId,
        String prefix,
        byte[] tokenHash,
        List<String> permissions,
        List<String> endpointIds,
        String next,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {
    public StoredPortalSession {
        permissions = List.copyOf(permissions);
        endpointIds = endpointIds == null ? null : List.copyOf(endpointIds);
    }
}
