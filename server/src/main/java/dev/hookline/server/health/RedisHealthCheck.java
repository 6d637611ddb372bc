package dev.hookline.server.health;

import com.codahale.metrics.health.HealthCheck;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/** Redis answers PING; a Redis Cluster also says its state is ok (every slot served). */
public final class RedisHealthCheck extends HealthCheck {
    private final UnifiedJedis redis;

    public RedisHealthCheck(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    protected Result check() {
        String pong = redis.ping();
        if (!"PONG".equals(pong)) {
            return Result.unhealthy("unexpected PING answer");
        }
        if (redis instanceof RedisClusterClient) {
            Object info = redis.sendCommand(Protocol.Command.CLUSTER, "INFO");
            String text =
                    info instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(info);
            if (!text.contains("cluster_state:ok")) {
                return Result.unhealthy("the cluster's state is not ok (a master without a replica to replace it?)");
            }
        }
        return Result.healthy();
    }
}
