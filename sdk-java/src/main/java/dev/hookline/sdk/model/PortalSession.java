package dev.hookline.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * A portal session as listed: never its token, only the token's first characters ({@code prefix}).
 * {@code endpointIds} null means the whole tenant; {@code revokedAt} is set once it was revoked.
 *
 * <pre>{@code
 * for (PortalSession s : client.portalSessions().list("acme").data()) {
 *     if (s.revokedAt() == null) client.portalSessions().revoke("acme", s.id());
 * }
 * }</pre>
 */
public record PortalSession(
        String id,
        String prefix,
        List<String> permissions,
        List<String> endpointIds,
        String next,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {
    public PortalSession {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        endpointIds = endpointIds == null ? null : List.copyOf(endpointIds);
    }
}
