package dev.hookline.server.health;

import com.codahale.metrics.health.HealthCheck;
import redis.clients.jedis.UnifiedJedis;

/** Redis answers PING. */
public final class RedisHealthCheck extends HealthCheck {
    private final UnifiedJedis redis;

    public RedisHealthCheck(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    protected Result check() {
        String pong = redis.ping();
        return "PONG".equals(pong) ? Result.healthy() : Result.unhealthy("unexpected PING answer");
    }
}
