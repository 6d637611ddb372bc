package dev.hookline.server.auth;

import dev.hookline.core.portal.PortalSessionDao;
import dev.hookline.core.portal.StoredPortalSession;
import dev.hookline.core.security.ApiKeys;
import dev.hookline.core.security.PortalTokens;
import dev.hookline.core.tenants.ApiKeyDao;
import dev.hookline.server.errors.ApiException;
import io.dropwizard.auth.Authenticator;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Resolves a bearer token to a {@link Caller}: the admin key, a tenant API key ({@code hk_}) or a portal session
 * token ({@code hlp_}, looked up the same way as a key). The token is hashed once (SHA-256) and its hash compared with the admin key's in constant time. A tenant key
 * is found by its displayed prefix (which listings show, so it is no secret) and its SHA-256 is then compared with
 * each candidate's in constant time: no comparison whose duration depends on secret bytes ever runs. Which tenant a
 * key belongs to, and what a portal token grants, is remembered for a few seconds ({@link AuthCache}); revoking
 * either forgets it at once on this server and on the others. Use of a key is recorded when it is looked up, often
 * enough for {@code lastUsedAt}.
 */
public final class ApiKeyAuthenticator implements Authenticator<String, Caller> {
    /** The admin key's SHA-256: a token is hashed once, and that one hash is compared with this and looked up. */
    private final byte[] adminKeyHash;

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuthCache cache;

    public ApiKeyAuthenticator(String adminKey, Jdbi jdbi, Clock clock, AuthCache cache) {
        this.adminKeyHash = ApiKeys.hash(Objects.requireNonNull(adminKey, "adminKey == null"));
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.cache = Objects.requireNonNull(cache, "cache == null");
    }

    /**
     * The key of {@code Authorization: Bearer <key>}, read as Dropwizard's OAuth filter reads it (the scheme in any
     * case, the key everything after the first space), else null: every part of the API that needs the key itself
     * takes it the same way.
     */
    public static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space <= 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
            return null;
        }
        return authorization.substring(space + 1);
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        byte[] hash = ApiKeys.hash(token);
        if (MessageDigest.isEqual(hash, adminKeyHash)) {
            return Optional.of(Caller.ADMIN);
        }
        if (token.startsWith(PortalTokens.PREFIX)) {
            return portalSession(token, hash);
        }
        if (!token.startsWith(ApiKeys.PREFIX)) {
            return Optional.empty();
        }
        return cache.tenantOfKey(
                        hash,
                        () -> jdbi.withHandle(h -> {
                            ApiKeyDao keys = h.attach(ApiKeyDao.class);
                            String tenant = null;
                            for (ApiKeyDao.Candidate candidate : keys.withPrefix(ApiKeys.displayPrefix(token))) {
                                if (MessageDigest.isEqual(candidate.keyHash(), hash)) {
                                    tenant = candidate.tenantId();
                                }
                            }
                            if (tenant != null) {
                                keys.touch(hash, clock.instant());
                            }
                            return Optional.ofNullable(tenant);
                        }))
                .map(Caller::tenant);
    }

    /**
     * A portal session token: its grant while the session lives. An expired or revoked one is a 401 that says
     * which ({@code session_expired}, {@code session_revoked}), so the portal can tell its user the link has ended
     * instead of that it is wrong.
     */
    private Optional<Caller> portalSession(String token, byte[] hash) {
        Instant now = clock.instant();
        Optional<PortalGrant> grant = cache.portalOfToken(
                hash,
                () -> jdbi.withExtension(PortalSessionDao.class, dao -> {
                    StoredPortalSession found = null;
                    for (StoredPortalSession candidate : dao.withPrefix(PortalTokens.displayPrefix(token))) {
                        if (MessageDigest.isEqual(candidate.tokenHash(), hash)) {
                            found = candidate;
                        }
                    }
                    if (found == null) {
                        return Optional.empty();
                    }
                    if (found.revokedAt() != null) {
                        throw ended("session_revoked", "this portal session was revoked");
                    }
                    return Optional.of(grant(found));
                }));
        if (grant.isPresent() && !grant.get().expiresAt().isAfter(now)) {
            throw ended("session_expired", "this portal session has expired");
        }
        return grant.map(Caller::portal);
    }

    private static PortalGrant grant(StoredPortalSession s) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        s.permissions().forEach(p -> Permission.of(p).ifPresent(permissions::add));
        permissions.add(Permission.READ);
        return new PortalGrant(
                s.id(),
                s.tenantId(),
                permissions,
                s.endpointIds() == null ? null : Set.copyOf(s.endpointIds()),
                s.next(),
                s.expiresAt());
    }

    private static ApiException ended(String code, String message) {
        return new ApiException(401, code, message + "; ask for a new portal link", List.of());
    }
}
