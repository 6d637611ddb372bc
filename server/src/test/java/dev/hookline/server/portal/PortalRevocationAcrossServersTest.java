package dev.hookline.server.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.sdk.model.PortalSessionCreated;
import dev.hookline.sdk.model.PortalSessionIn;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two API servers over one database and one Redis, each remembering authentication for five minutes: a portal
 * session revoked through one stops working on the other with its very next request, not when the cache expires.
 */
class PortalRevocationAcrossServersTest {
    private static final int CACHE_SECONDS = 300;

    @RegisterExtension
    @Order(1)
    static final TestApp first = new TestApp(c -> {
        c.security.authCacheSeconds = CACHE_SECONDS;
        c.delivery.workerEnabled = false;
    });

    @RegisterExtension
    @Order(2)
    static final TestApp second = new TestApp(c -> {
        c.database.url = first.config().database.url;
        c.database.user = first.config().database.user;
        c.database.password = first.config().database.password;
        c.redis.keyPrefix = first.config().redis.keyPrefix;
        c.security.authCacheSeconds = CACHE_SECONDS;
        c.delivery.workerEnabled = false;
    });

    @Test
    void aSessionRevokedOnOneServerIsRefusedByTheOtherAtItsNextRequest() {
        // given the second server answers portal tokens from its cache: a session revoked behind its back, in the
        // database alone, still works there
        Scenario tenant = Scenario.tenant(first, "acme");
        RawHttp other = second.raw();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            PortalSessionCreated probe = tenant.client().portalSessions().create("acme", PortalSessionIn.readOnly());
            other.call("GET", "/v1/portal/session", probe.token(), null);
            first.env()
                    .jdbi()
                    .useHandle(
                            h -> h.execute("UPDATE portal_sessions SET revoked_at = now() WHERE id = ?", probe.id()));
            return other.call("GET", "/v1/portal/session", probe.token(), null).status() == 200;
        });

        // and a session minted on the first server and in use on the second
        PortalSessionCreated session = tenant.client().portalSessions().create("acme", PortalSessionIn.readOnly());
        assertThat(other.call("GET", "/v1/portal/session", session.token(), null)
                        .status())
                .isEqualTo(200);
        assertThat(other.call("GET", "/v1/tenants/acme/endpoints", session.token(), null)
                        .status())
                .isEqualTo(200);

        // when the first server revokes it
        tenant.client().portalSessions().revoke("acme", session.id());

        // then the second refuses its next request, saying it was revoked: the revocation reached its cache
        RawHttp.Response refused = other.call("GET", "/v1/tenants/acme/endpoints", session.token(), null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").asText()).isEqualTo("session_revoked");
    }
}
