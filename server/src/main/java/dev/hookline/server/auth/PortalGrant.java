package dev.hookline.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What one portal session may do: its tenant, its permissions, the endpoints it is limited to (null: all of its
 * tenant's) and when it ends. Checked on every request, so a session stops at {@code expiresAt} to the second even
 * while the authentication cache remembers it.
 */
public record PortalGrant(
        String sessionId,
        String tenantId,
        Set<Permission> permissions,
        Set<String> endpointIds,
        String next,
        Instant expiresAt) {
    public PortalGrant {
        permissions = Set.copyOf(permissions);
        endpointIds = endpointIds == null ? null : Set.copyOf(endpointIds);
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /** The scope as the API shows it: sorted ids, or null for the whole tenant. */
    public List<String> endpointIdList() {
        return endpointIds == null ? null : endpointIds.stream().sorted().toList();
    }
}
