package dev.hookline.server.auth;

import dev.hookline.core.security.ApiKeys;
import dev.hookline.core.tenants.ApiKeyDao;
import io.dropwizard.auth.Authenticator;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Resolves a bearer token to a {@link Caller}. The admin key is compared in constant time; a tenant key is looked
 * up by its SHA-256, so no comparison ever touches key material. Which tenant a key belongs to is remembered for a
 * few seconds ({@link AuthCache}); revoking a key forgets it at once on this server and within that time on others.
 * Use is recorded only when the key is looked up, which is often enough for {@code lastUsedAt} at minute precision.
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
        return cache.tenantOfKey(hash, () -> jdbi.withHandle(h -> {
            ApiKeyDao keys = h.attach(ApiKeyDao.class);
            Optional<String> tenant = keys.tenantOf(hash);
            tenant.ifPresent(t -> keys.touch(hash, clock.instant()));
            return tenant;
        })).map(Caller::tenant);
    }
}
