package dev.hookline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Two API servers' caches over one Redis: a revocation on one is seen by the other at once, not after the TTL. */
class AuthCacheSyncTest {
    @RegisterExtension
    static final TestEnvironment env = new TestEnvironment();

    @Test
    void aChangeOnOneServerClearsTheOthersCacheAtOnce() throws Exception {
        try (UnifiedJedis redisA = RedisClient.create(URI.create(env.redisUrl()));
                UnifiedJedis redisB = RedisClient.create(URI.create(env.redisUrl()))) {
            AuthCache a = new AuthCache(Duration.ofHours(1));
            AuthCache b = new AuthCache(Duration.ofHours(1));
            AuthCacheSync syncA = new AuthCacheSync(redisA, env.redisPrefix(), a);
            AuthCacheSync syncB = new AuthCacheSync(redisB, env.redisPrefix(), b);
            syncA.start();
            syncB.start();
            try {
                byte[] key = {1, 2, 3};
                AtomicInteger lookups = new AtomicInteger();
                // given server B answers from its cache once both are subscribed
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    b.tenantOfKey(key, () -> {
                        lookups.incrementAndGet();
                        return Optional.of("tnt_1");
                    });
                    int before = lookups.get();
                    b.tenantOfKey(key, () -> {
                        lookups.incrementAndGet();
                        return Optional.of("tnt_1");
                    });
                    return lookups.get() == before;
                });

                // when server A revokes something
                a.forgetAll();

                // then B looks the key up again within moments, long before its one-hour TTL
                await().atMost(Duration.ofSeconds(2)).until(() -> {
                    int before = lookups.get();
                    b.tenantOfKey(key, () -> {
                        lookups.incrementAndGet();
                        return Optional.empty();
                    });
                    return lookups.get() > before;
                });
            } finally {
                syncA.stop();
                syncB.stop();
            }
        }
    }

    @Test
    void withoutTheBroadcastChannelTheCacheIsNotUsed() {
        AuthCache cache = new AuthCache(Duration.ofHours(1));
        cache.trusted(false);
        AtomicInteger lookups = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            cache.tenantOfKey(new byte[] {9}, () -> {
                lookups.incrementAndGet();
                return Optional.of("tnt_1");
            });
        }
        assertThat(lookups).hasValue(3);
    }
}
