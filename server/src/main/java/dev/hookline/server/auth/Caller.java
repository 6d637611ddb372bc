package dev.hookline.server.auth;

import java.security.Principal;

/** Who is calling: the operator (admin key), or one tenant (one of its API keys). */
public record Caller(boolean admin, String tenantId) implements Principal {
    public static final Caller ADMIN = new Caller(true, null);

    public static Caller tenant(String tenantId) {
        return new Caller(false, tenantId);
    }

    @Override
    public String getName() {
        return admin ? "admin" : tenantId;
    }
}
