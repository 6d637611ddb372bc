package dev.hookline.server.portal.page;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves the portal page under {@code /portal}: {@code index.html} revalidated on every load, the hashed assets
 * cached for a year, and every answer with a Content-Security-Policy that lets the page load and call only its own
 * origin and be framed only by {@code frame-ancestors} (HOOKLINE_PORTAL_FRAME_ANCESTORS).
 */
public final class PortalServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ASSETS = "/assets/";

    private final transient PortalAssets assets;
    private final String contentSecurityPolicy;

    public PortalServlet(PortalAssets assets, String frameAncestors) {
        this.assets = Objects.requireNonNull(assets, "assets == null");
        this.contentSecurityPolicy = contentSecurityPolicy(frameAncestors);
    }

    /**
     * Scripts, styles and API calls from this origin only; images from this origin, {@code data:} and, for a
     * tenant's logo, any {@code https:} URL; no plugins, no {@code <base>}, no form posts.
     */
    public static String contentSecurityPolicy(String frameAncestors) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
                + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors " + frameAncestors.strip();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null) {
            resp.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            resp.setHeader("Location", req.getContextPath() + req.getServletPath() + "/");
            return;
        }
        Optional<PortalAssets.Asset> asset;
        String cacheControl;
        if (path.equals("/") || path.equals("/index.html")) {
            asset = Optional.of(assets.index());
            cacheControl = "no-cache";
        } else if (path.startsWith(ASSETS)) {
            asset = assets.asset(path.substring(ASSETS.length()));
            cacheControl = "public, max-age=31536000, immutable";
        } else {
            asset = Optional.empty();
            cacheControl = null;
        }
        if (asset.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        PortalAssets.Asset found = asset.get();
        resp.setHeader("Content-Security-Policy", contentSecurityPolicy);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("Cache-Control", cacheControl);
        resp.setHeader("ETag", found.etag());
        if (found.etag().equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(found.contentType());
        resp.setContentLength(found.body().length);
        resp.getOutputStream().write(found.body());
    }
}
