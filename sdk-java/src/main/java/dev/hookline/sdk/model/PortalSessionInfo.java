package dev.hookline.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * What a portal session's own token may learn about it ({@code GET /v1/portal/session}): its tenant, the tenant's
 * branding, its permissions and scope ({@code endpointIds} null: the whole tenant), the page to open first and when
 * it expires. The portal page calls this first.
 */
public record PortalSessionInfo(
        String id,
        String tenantId,
        String tenantUid,
        Branding branding,
        List<String> permissions,
        List<String> endpointIds,
        String next,
        Instant expiresAt) {
    public PortalSessionInfo {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        endpointIds = endpointIds == null ? null : List.copyOf(endpointIds);
    }
}
