package dev.hookline.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * Answer to minting a portal session: the only time its {@code token} is shown. {@code url} is relative
 * ({@code /portal/#token=…}): put Hookline's public base URL in front of it and open it, or load it in an iframe.
 * The token travels in the URL's fragment, so it never reaches a server log or a {@code Referer}.
 *
 * <pre>{@code
 * PortalSessionCreated s = client.portalSessions().create("acme", PortalSessionIn.readOnly());
 * String link = "https://hooks.example.com" + s.url();   // toString() redacts the token
 * }</pre>
 */
public record PortalSessionCreated(
        String id,
        String url,
        String token,
        String prefix,
        List<String> permissions,
        List<String> endpointIds,
        String next,
        Instant createdAt,
        Instant expiresAt) {
    public PortalSessionCreated {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        endpointIds = endpointIds == null ? null : List.copyOf(endpointIds);
    }

    @Override
    public String toString() {
        return "PortalSessionCreated[id=" + id + ", prefix=" + prefix + ", permissions=" + permissions
                + ", endpointIds=" + endpointIds + ", expiresAt=" + expiresAt + ", token=<redacted>]";
    }
}
