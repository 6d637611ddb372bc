package dev.hookline.sdk;

import static java.util.Objects.requireNonNull;

import dev.hookline.sdk.internal.PortalSessionsApi;
import dev.hookline.sdk.internal.Query;
import dev.hookline.sdk.internal.Retrier;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.PortalSession;
import dev.hookline.sdk.model.PortalSessionCreated;
import dev.hookline.sdk.model.PortalSessionIn;
import dev.hookline.sdk.model.PortalSessionInfo;

/**
 * Links to the tenant portal ({@code /v1/tenants/{t}/portal-sessions}), minted with the admin key or the tenant's
 * own key. A session's token reaches only its tenant, only the endpoints it is limited to, and only what its
 * permissions allow, until it expires or is revoked.
 *
 * <pre>{@code
 * PortalSessionCreated s = client.portalSessions().create("acme", PortalSessionIn.builder()
 *         .permissions(PortalSessionIn.MANAGE_ENDPOINTS, PortalSessionIn.RESEND)
 *         .expiresIn(Duration.ofHours(1))
 *         .build());
 * String iframeSrc = "https://hooks.example.com" + s.url();
 * }</pre>
 */
public final class PortalSessions {
    private final PortalSessionsApi api;
    private final Retrier retrier;

    PortalSessions(PortalSessionsApi api, Retrier retrier) {
        this.api = api;
        this.retrier = retrier;
    }

    /** Mints a session; the answer is the only time its token (and the link holding it) is visible. */
    public PortalSessionCreated create(String tenant, PortalSessionIn in) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(in, "in == null");
        return retrier.post(null, key -> api.create(key, tenant, in));
    }

    /** The first page of the tenant's sessions, newest first (never their tokens). */
    public Page<PortalSession> list(String tenant) {
        return list(tenant, null, null);
    }

    public Page<PortalSession> list(String tenant, Integer limit, String iterator) {
        requireNonNull(tenant, "tenant == null");
        return retrier.call(() -> api.list(
                tenant, Query.of().put("limit", limit).put("iterator", iterator).toMap()));
    }

    public AutoPagingIterable<PortalSession> listAll(String tenant) {
        requireNonNull(tenant, "tenant == null");
        return new AutoPagingIterable<>(iterator -> list(tenant, null, iterator));
    }

    /** Revokes a session: its token stops working with its next request, on every server. */
    public void revoke(String tenant, String sessionId) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(sessionId, "sessionId == null");
        retrier.call(() -> {
            api.revoke(tenant, sessionId);
            return null;
        });
    }

    /**
     * What the client's own portal token may learn about its session (a client built with a {@code hlp_} token as
     * its API key): tenant, branding, permissions, scope, expiry.
     */
    public PortalSessionInfo current() {
        return retrier.call(api::current);
    }
}
