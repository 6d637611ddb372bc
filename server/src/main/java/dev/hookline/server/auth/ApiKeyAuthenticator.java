package dev.hookline.server.auth;

import dev.hookline.core.security.ApiKeys;
import dev.hookline.core.tenants.ApiKeyDao;
import io.dropwizard.auth.Authenticator;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Resolves a bearer token to a {@link Caller}. The admin key is compared in constant time. A tenant key is found by
 * its displayed prefix (which listings show, so it is no secret) and its SHA-256 is then compared with each
 * candidate's in constant time: no comparison whose duration depends on secret bytes ever runs. Which tenant a key
 * belongs to is remembered for a few seconds ({@link AuthCache}); revoking a key forgets it at once on this server
 * and within that time on others. Use is recorded when the key is looked up, often enough for {@code lastUsedAt}.
 */
public final class ApiKeyAuthenticator implements Authenticator<String, Caller> {
    private final String adminKey;
    private final Jdbi jdbi;
    private final Clock clock;
    private final AuthCache cache;

    public ApiKeyAuthenticator(String adminKey, Jdbi jdbi, Clock clock, AuthCache cache) {
        this.adminKey = Objects.requireNonNull(adminKey, "adminKey == null");
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
        if (ApiKeys.constantTimeEquals(token, adminKey)) {
            return Optional.of(Caller.ADMIN);
        }
        if (!token.startsWith(ApiKeys.PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = ApiKeys.hash(token);
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
}
