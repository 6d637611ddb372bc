package dev.hookline.server.auth;

import java.security.Principal;
import java.util.Set;

/**
 * Who is calling: the operator (admin key), one tenant (one of its API keys), or one tenant through a portal
 * session ({@code portal} set: its permissions and endpoint scope, enforced by {@link PortalGate}).
 */
public record Caller(boolean admin, String tenantId, PortalGrant portal) implements Principal {
    public static final Caller ADMIN = new Caller(true, null, null);

    public static Caller tenant(String tenantId) {
        return new Caller(false, tenantId, null);
    }

    public static Caller portal(PortalGrant grant) {
        return new Caller(false, grant.tenantId(), grant);
    }

    public boolean isPortal() {
        return portal != null;
    }

    /** The endpoint ids this caller is limited to, or null when it may see every endpoint of its tenant. */
    public Set<String> endpointScope() {
        return portal == null ? null : portal.endpointIds();
    }

    @Override
    public String getName() {
        return admin ? "admin" : portal != null ? "portal:" + portal.sessionId() : tenantId;
    }
}
