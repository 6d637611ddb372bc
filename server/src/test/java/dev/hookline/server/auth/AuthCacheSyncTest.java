package dev.hookline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.redis.RedisUrl;
import dev.hookline.core.testing.TestEnvironment;
import dev.hookline.server.testing.LogCapture;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** Two API servers' caches over one Redis: a revocation on one is seen by the other at once, not after the TTL. */
class AuthCacheSyncTest {
    @RegisterExtension
    static final TestEnvironment env = new TestEnvironment();

    @Test
    void aChangeOnOneServerClearsTheOthersCacheAtOnce() throws Exception {
        try (UnifiedJedis redisA = RedisUrl.parse(env.redisUrl()).connect();
                UnifiedJedis redisB = RedisUrl.parse(env.redisUrl()).connect()) {
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
    void aQuietSubscriptionOutlivesTheClientsReadTimeout() throws Exception {
        // given a subscribed server and nothing published for longer than the 10 s read timeout
        try (UnifiedJedis redis = RedisUrl.parse(env.redisUrl()).connect();
                LogCapture logs = LogCapture.start()) {
            AuthCache cache = new AuthCache(Duration.ofHours(1));
            AuthCacheSync sync = new AuthCacheSync(redis, env.redisPrefix() + "quiet:", cache);
            sync.start();
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> answersFromCache(cache));
                Thread.sleep(12_000);

                // then it never dropped the subscription, and the cache is still in use
                assertThat(logs.text()).doesNotContain("broadcast channel lost");
                assertThat(answersFromCache(cache)).isTrue();
            } finally {
                sync.stop();
            }
        }
    }

    private static boolean answersFromCache(AuthCache cache) {
        byte[] key = {7};
        AtomicInteger lookups = new AtomicInteger();
        java.util.function.Supplier<Optional<String>> lookup = () -> {
            lookups.incrementAndGet();
            return Optional.of("tnt_1");
        };
        cache.tenantOfKey(key, lookup);
        int before = lookups.get();
        cache.tenantOfKey(key, lookup);
        return lookups.get() == before;
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
