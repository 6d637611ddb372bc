package dev.hookline.server.portal;

import dev.hookline.sdk.model.PortalSessionInfo;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.Permission;
import dev.hookline.server.auth.PortalAccess;
import dev.hookline.server.errors.ApiException;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;

/** The portal page's first call: which tenant its token reaches, how to present it, and what it may do there. */
@Path("/v1/portal/session")
@Produces(MediaType.APPLICATION_JSON)
public final class PortalSessionResource {
    private final PortalSessionService sessions;

    public PortalSessionResource(PortalSessionService sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions == null");
    }

    @GET
    @PortalAccess(Permission.READ)
    public PortalSessionInfo get(@Auth Caller caller) {
        if (!caller.isPortal()) {
            throw ApiException.forbidden("only a portal session token has a portal session");
        }
        return sessions.info(caller.portal());
    }
}
