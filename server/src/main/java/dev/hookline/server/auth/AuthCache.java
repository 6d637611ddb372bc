package dev.hookline.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A few seconds' memory of what every request looks up: which tenant an API key (by its hash) belongs to, and which
 * tenant id a path's {@code {tenant}} names. Without it each ingest request spends two of its four database round
 * trips on these. A revoked key or a deleted tenant is forgotten at once on this server ({@link #forgetAll()}, called
 * by every change), and within {@code ttl} on the others. A zero {@code ttl} turns caching off.
 */
public final class AuthCache {
    private static final int MAX_ENTRIES = 10_000;

    private final Cache<ByteBuffer, String> tenantOfKey;
    private final Cache<String, String> tenantIdOfRef;

    public AuthCache(Duration ttl) {
        Duration keep = ttl.isNegative() ? Duration.ZERO : ttl;
        int size = keep.isZero() ? 0 : MAX_ENTRIES;
        this.tenantOfKey = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(keep).build();
        this.tenantIdOfRef = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(keep).build();
    }

    public static AuthCache disabled() {
        return new AuthCache(Duration.ZERO);
    }

    /** The tenant of a key hash; only keys that exist are remembered, so random tokens cannot fill the cache. */
    Optional<String> tenantOfKey(byte[] keyHash, Supplier<Optional<String>> lookup) {
        ByteBuffer key = ByteBuffer.wrap(keyHash);
        String cached = tenantOfKey.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> found = lookup.get();
        found.ifPresent(tenant -> tenantOfKey.put(key, tenant));
        return found;
    }

    /** The id of the tenant a reference (id or uid) names; misses are not remembered. */
    Optional<String> tenantIdOfRef(String ref, Function<String, Optional<String>> lookup) {
        String cached = tenantIdOfRef.getIfPresent(ref);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> found = lookup.apply(ref);
        found.ifPresent(id -> tenantIdOfRef.put(ref, id));
        return found;
    }

    /** After a key is revoked or a tenant renamed or deleted: nothing remembered survives it on this server. */
    public void forgetAll() {
        tenantOfKey.invalidateAll();
        tenantIdOfRef.invalidateAll();
    }
}
