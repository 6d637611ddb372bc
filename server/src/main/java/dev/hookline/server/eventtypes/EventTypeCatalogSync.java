package dev.hookline.server.eventtypes;

import dev.hookline.server.cache.CacheSync;
import redis.clients.jedis.UnifiedJedis;

/** Clears every API server's compiled schemas ({@link EventTypeCatalog}) when the catalogue changes on any of them. */
public final class EventTypeCatalogSync extends CacheSync {
    public EventTypeCatalogSync(UnifiedJedis redis, String keyPrefix, EventTypeCatalog catalog) {
        super(redis, keyPrefix + "event-types-changed", "event-type-catalog", catalog);
    }
}
