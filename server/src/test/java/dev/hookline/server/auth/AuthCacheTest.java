package dev.hookline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthCacheTest {
    private static final byte[] HASH = {1, 2, 3};

    @Test
    void requestsThatMissTogetherShareOneLookup() throws Exception {
        AuthCache cache = new AuthCache(Duration.ofMinutes(1));
        AtomicInteger lookups = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Optional<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return cache.tenantOfKey(HASH, () -> {
                        lookups.incrementAndGet();
                        sleep(200); // long enough for every caller to arrive while the first lookup runs
                        return Optional.of("tnt_1");
                    });
                }));
            }
            start.countDown();
            for (Future<Optional<String>> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).contains("tnt_1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aPortalGrantIsRememberedUntilAnyRevocationForgetsIt() {
        // given a grant the cache remembers
        AuthCache cache = new AuthCache(Duration.ofMinutes(1));
        AtomicInteger lookups = new AtomicInteger();
        PortalGrant grant = new PortalGrant(
                "pts_1", "tnt_1", java.util.Set.of(Permission.READ), null, null, java.time.Instant.now());
        java.util.function.Supplier<Optional<PortalGrant>> lookup = () -> {
            lookups.incrementAndGet();
            return Optional.of(grant);
        };
        assertThat(cache.portalOfToken(HASH, lookup)).contains(grant);
        assertThat(cache.portalOfToken(HASH, lookup)).contains(grant);

        // when something is revoked somewhere
        cache.forgetLocally();

        // then the next request looks the grant up again
        assertThat(cache.portalOfToken(HASH, lookup)).contains(grant);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void unknownKeysAreNotRememberedAndAnUntrustedCacheAlwaysLooksUp() {
        AuthCache cache = new AuthCache(Duration.ofMinutes(1));
        AtomicInteger lookups = new AtomicInteger();

        assertThat(cache.tenantOfKey(HASH, () -> {
                    lookups.incrementAndGet();
                    return Optional.empty();
                }))
                .isEmpty();
        assertThat(cache.tenantOfKey(HASH, () -> {
                    lookups.incrementAndGet();
                    return Optional.of("tnt_1");
                }))
                .contains("tnt_1");
        assertThat(cache.tenantOfKey(HASH, () -> {
                    lookups.incrementAndGet();
                    return Optional.of("tnt_2");
                }))
                .contains("tnt_1");
        assertThat(lookups).hasValue(2);

        cache.trusted(false);
        assertThat(cache.tenantOfKey(HASH, () -> {
                    lookups.incrementAndGet();
                    return Optional.of("tnt_2");
                }))
                .contains("tnt_2");
        assertThat(lookups).hasValue(3);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
