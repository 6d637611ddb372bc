package dev.hookline.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hookline.server.cache.BroadcastCache;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A few seconds' memory of what every request looks up: which tenant an API key (by its hash) belongs to, what a
 * portal session token (by its hash) grants, and which tenant id a path's {@code {tenant}} names. Without it each ingest request spends two of its four database round
 * trips on these. A revoked key or a deleted tenant is forgotten at once on this server ({@link #forgetAll()}, called
 * by every change) and, through {@link AuthCacheSync}, on every other API server: the cache answers only while that
 * broadcast channel is connected, so a revocation takes effect at once everywhere. A zero {@code ttl} turns caching
 * off.
 */
public final class AuthCache extends BroadcastCache {
    private static final int MAX_ENTRIES = 10_000;

    private final Cache<ByteBuffer, String> tenantOfKey;
    private final Cache<String, String> tenantIdOfRef;
    private final Cache<ByteBuffer, PortalGrant> portalOfToken;

    public AuthCache(Duration ttl) {
        Duration keep = ttl.isNegative() ? Duration.ZERO : ttl;
        int size = keep.isZero() ? 0 : MAX_ENTRIES;
        this.tenantOfKey =
                Caffeine.newBuilder().maximumSize(size).expireAfterWrite(keep).build();
        this.tenantIdOfRef =
                Caffeine.newBuilder().maximumSize(size).expireAfterWrite(keep).build();
        this.portalOfToken =
                Caffeine.newBuilder().maximumSize(size).expireAfterWrite(keep).build();
    }

    public static AuthCache disabled() {
        return new AuthCache(Duration.ZERO);
    }

    /** The tenant of a key hash; only keys that exist are remembered, so random tokens cannot fill the cache. */
    Optional<String> tenantOfKey(byte[] keyHash, Supplier<Optional<String>> lookup) {
        if (!trusted()) {
            return lookup.get();
        }
        // get with a loader, not getIfPresent-then-put: when an entry expires under load, the requests that miss it
        // together wait for one lookup instead of each reading the key and updating its last_used_at row at once.
        return Optional.ofNullable(
                tenantOfKey.get(ByteBuffer.wrap(keyHash), key -> lookup.get().orElse(null)));
    }

    /**
     * The grant of a portal token hash; only live sessions are remembered (an expired or revoked token is looked up
     * each time, to say which it is), and revoking one forgets every grant, here and on every server.
     */
    Optional<PortalGrant> portalOfToken(byte[] tokenHash, Supplier<Optional<PortalGrant>> lookup) {
        if (!trusted()) {
            return lookup.get();
        }
        return Optional.ofNullable(portalOfToken.get(
                ByteBuffer.wrap(tokenHash), key -> lookup.get().orElse(null)));
    }

    /** The id of the tenant a reference (id or uid) names; misses are not remembered. */
    Optional<String> tenantIdOfRef(String ref, Function<String, Optional<String>> lookup) {
        if (!trusted()) {
            return lookup.apply(ref);
        }
        return Optional.ofNullable(tenantIdOfRef.get(ref, r -> lookup.apply(r).orElse(null)));
    }

    /**
     * After a key or portal session is revoked or a tenant renamed or deleted: nothing remembered survives it, here
     * or elsewhere.
     */
    public void forgetAll() {
        forgetEverywhere();
    }

    @Override
    public void forgetLocally() {
        tenantOfKey.invalidateAll();
        tenantIdOfRef.invalidateAll();
        portalOfToken.invalidateAll();
    }

    @Override
    public boolean enabled() {
        return tenantOfKey.policy().eviction().map(e -> e.getMaximum() > 0).orElse(true);
    }
}
