package dev.hookline.sdk.model;

import java.util.List;

/**
 * Body of {@code POST /v1/tenants/{t}/portal-sessions}. Every field is optional: {@code expiresIn} seconds (60 to
 * 604,800, default 3,600); {@code permissions} any of {@code read} (always granted), {@code manage_endpoints},
 * {@code view_secrets}, {@code resend} (default {@code ["read"]}); {@code endpointIds} ids or uids that limit the
 * session to those endpoints (null: the whole tenant); {@code next} the portal page to open, e.g.
 * {@code /messages/msg_…}.
 *
 * <pre>{@code
 * PortalSessionIn in = PortalSessionIn.builder()
 *         .expiresIn(Duration.ofHours(2))
 *         .permissions(PortalSessionIn.MANAGE_ENDPOINTS, PortalSessionIn.RESEND)
 *         .endpointIds("customer-42")
 *         .build();
 * }</pre>
 */
public record PortalSessionIn(Long expiresIn, List<String> permissions, List<String> endpointIds, String next) {
    public static final String READ = "read";
    public static final String MANAGE_ENDPOINTS = "manage_endpoints";
    public static final String VIEW_SECRETS = "view_secrets";
    public static final String RESEND = "resend";

    public PortalSessionIn {
        permissions = permissions == null ? null : List.copyOf(permissions);
        endpointIds = endpointIds == null ? null : List.copyOf(endpointIds);
    }

    /** A read-only session of the whole tenant for an hour: the server's defaults. */
    public static PortalSessionIn readOnly() {
        return new PortalSessionIn(null, null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Optional fields, set one by one. */
    public static final class Builder {
        private Long expiresIn;
        private List<String> permissions;
        private List<String> endpointIds;
        private String next;

        private Builder() {}

        public Builder expiresIn(java.time.Duration expiresIn) {
            this.expiresIn = expiresIn == null ? null : expiresIn.toSeconds();
            return this;
        }

        public Builder permissions(String... permissions) {
            this.permissions = List.of(permissions);
            return this;
        }

        public Builder endpointIds(String... endpointIds) {
            this.endpointIds = List.of(endpointIds);
            return this;
        }

        public Builder next(String next) {
            this.next = next;
            return this;
        }

        public PortalSessionIn build() {
            return new PortalSessionIn(expiresIn, permissions, endpointIds, next);
        }
    }
}
