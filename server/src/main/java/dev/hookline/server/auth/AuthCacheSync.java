package dev.hookline.server.auth;

import dev.hookline.server.cache.CacheSync;
import redis.clients.jedis.UnifiedJedis;

/** Clears every API server's {@link AuthCache} when a key is revoked or a tenant deleted or renamed on any of them. */
public final class AuthCacheSync extends CacheSync {
    public AuthCacheSync(UnifiedJedis redis, String keyPrefix, AuthCache cache) {
        super(redis, keyPrefix + "auth-changed", "auth-cache", cache);
    }
}
