package dev.hookline.server.portal;

import dev.hookline.core.db.Cursor;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.portal.PortalSessionDao;
import dev.hookline.core.portal.StoredPortalSession;
import dev.hookline.core.security.ApiKeys;
import dev.hookline.core.security.PortalTokens;
import dev.hookline.core.tenants.TenantDao;
import dev.hookline.sdk.model.Branding;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.PortalSession;
import dev.hookline.sdk.model.PortalSessionCreated;
import dev.hookline.sdk.model.PortalSessionIn;
import dev.hookline.sdk.model.PortalSessionInfo;
import dev.hookline.sdk.model.Tenant;
import dev.hookline.server.auth.Permission;
import dev.hookline.server.auth.PortalGrant;
import dev.hookline.server.endpoints.EndpointService;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.validation.Checks;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Portal sessions: a link a tenant hands its customer, carrying a token that reaches only that tenant, only the
 * endpoints it was limited to, and only what its permissions allow, until it expires or is revoked. The token is
 * shown once, in the answer that mints it; only its SHA-256 is kept.
 */
public final class PortalSessionService {
    static final long DEFAULT_EXPIRES_IN = 3_600;
    static final long MIN_EXPIRES_IN = 60;
    static final long MAX_EXPIRES_IN = 604_800;
    static final int MAX_ENDPOINTS = 100;
    /** Ended sessions are kept this long, so their tokens answer "expired" or "revoked" rather than "unknown". */
    static final Duration KEEP_ENDED = Duration.ofDays(30);
    /** A path of the portal page: no scheme, no host, nothing that needs escaping in a URL fragment. */
    private static final Pattern NEXT = Pattern.compile("/(?!/)[A-Za-z0-9/_.~=&%?-]{0,511}");

    private final Jdbi jdbi;
    private final EndpointService endpoints;
    private final Clock clock;
    private final Runnable onRevoked;

    /** @param onRevoked told after a session is revoked (authentication caches forget what they knew) */
    public PortalSessionService(Jdbi jdbi, EndpointService endpoints, Clock clock, Runnable onRevoked) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.onRevoked = Objects.requireNonNull(onRevoked, "onRevoked == null");
    }

    public PortalSessionCreated create(String tenantId, PortalSessionIn in) {
        PortalSessionIn body = in == null ? PortalSessionIn.readOnly() : in;
        Checks checks = new Checks();
        long expiresIn = body.expiresIn() == null ? DEFAULT_EXPIRES_IN : body.expiresIn();
        if (expiresIn < MIN_EXPIRES_IN || expiresIn > MAX_EXPIRES_IN) {
            checks.fail("expiresIn", "must be between " + MIN_EXPIRES_IN + " and " + MAX_EXPIRES_IN + " seconds");
        }
        List<String> permissions = permissions(checks, body.permissions());
        List<String> scope = scope(checks, tenantId, body.endpointIds());
        if (body.next() != null && !NEXT.matcher(body.next()).matches()) {
            checks.fail("next", "must be a path of the portal: '/' then at most 511 of A-Z a-z 0-9 / _ . ~ = & % ? -");
        }
        checks.throwIfAny();
        String id = Ids.next(Ids.PORTAL_SESSION);
        String token = PortalTokens.generate();
        String prefix = PortalTokens.displayPrefix(token);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        Instant expiresAt = now.plusSeconds(expiresIn);
        jdbi.useTransaction(h -> {
            PortalSessionDao dao = h.attach(PortalSessionDao.class);
            dao.deleteEndedBefore(tenantId, now.minus(KEEP_ENDED));
            dao.insert(
                    id,
                    tenantId,
                    prefix,
                    ApiKeys.hash(token),
                    permissions.toArray(String[]::new),
                    scope == null ? null : scope.toArray(String[]::new),
                    body.next(),
                    now,
                    expiresAt);
        });
        String url = "/portal/#token=" + token
                + (body.next() == null ? "" : "&next=" + URLEncoder.encode(body.next(), StandardCharsets.UTF_8));
        return new PortalSessionCreated(id, url, token, prefix, permissions, scope, body.next(), now, expiresAt);
    }

    public Page<PortalSession> list(String tenantId, int limit, String before) {
        Page<StoredPortalSession> page = Cursor.page(
                jdbi.withExtension(PortalSessionDao.class, dao -> dao.list(tenantId, before, limit + 1)),
                limit,
                StoredPortalSession::id);
        return new Page<>(page.data().stream().map(PortalSessionService::toApi).toList(), page.iterator(), page.done());
    }

    /** Ends a session for its very next request, on every server. Revoking one twice is no error. */
    public void revoke(String tenantId, String sessionId) {
        if (jdbi.withExtension(PortalSessionDao.class, dao -> dao.revoke(tenantId, sessionId, clock.instant())) == 0) {
            throw ApiException.notFound("portal session");
        }
        onRevoked.run();
    }

    /** What a session's own token learns about it: its tenant, the tenant's branding, its grant. */
    public PortalSessionInfo info(PortalGrant grant) {
        Tenant tenant = jdbi.withExtension(TenantDao.class, dao -> dao.find(grant.tenantId()))
                .orElseThrow(() -> ApiException.notFound("tenant"));
        Branding set = jdbi.withExtension(TenantDao.class, dao -> dao.branding(tenant.id()))
                .orElse(new Branding(null, null, null));
        Branding shown = new Branding(
                set.displayName() == null ? tenant.name() : set.displayName(), set.accentColor(), set.logoUrl());
        List<String> permissions = EnumSet.copyOf(grant.permissions()).stream()
                .map(Permission::wireName)
                .toList();
        return new PortalSessionInfo(
                grant.sessionId(),
                tenant.id(),
                tenant.uid(),
                shown,
                permissions,
                grant.endpointIdList(),
                grant.next(),
                grant.expiresAt());
    }

    /** The permissions asked for, {@code read} always among them, in the order of {@link Permission}. */
    private static List<String> permissions(Checks checks, List<String> asked) {
        Set<Permission> granted = EnumSet.of(Permission.READ);
        if (asked != null) {
            for (int i = 0; i < asked.size(); i++) {
                var permission = Permission.of(asked.get(i));
                if (permission.isPresent()) {
                    granted.add(permission.get());
                } else {
                    checks.fail("permissions." + i, "must be read, manage_endpoints, view_secrets or resend");
                }
            }
        }
        return granted.stream().map(Permission::wireName).toList();
    }

    /** The endpoint ids of the refs asked for (ids or uids of the tenant), or null for the whole tenant. */
    private List<String> scope(Checks checks, String tenantId, List<String> refs) {
        if (refs == null) {
            return null;
        }
        if (refs.isEmpty()) {
            checks.fail("endpointIds", "must name at least one endpoint (leave it out for the whole tenant)");
            return null;
        }
        if (refs.size() > MAX_ENDPOINTS) {
            checks.fail("endpointIds", "must name at most " + MAX_ENDPOINTS + " endpoints");
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            String ref = refs.get(i);
            try {
                if (ref == null || ref.isEmpty()) {
                    throw ApiException.notFound("endpoint");
                }
                ids.add(endpoints.get(tenantId, ref).id());
            } catch (ApiException e) {
                checks.fail("endpointIds." + i, "is not an endpoint of this tenant");
            }
        }
        return new ArrayList<>(ids);
    }

    private static PortalSession toApi(StoredPortalSession s) {
        return new PortalSession(
                s.id(),
                s.prefix(),
                s.permissions(),
                s.endpointIds(),
                s.next(),
                s.createdAt(),
                s.expiresAt(),
                s.revokedAt());
    }
}
