package dev.hookline.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.redis.RedisUrl;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where Redis is (one server, a Redis Cluster or a Sentinel-watched master: {@link RedisUrl}), the prefix of every
 * key Hookline writes there (several installations can share one), and how many shards the delivery queue has.
 */
public class RedisFactory {
    @NotBlank
    @Pattern(
            regexp = "rediss?(-cluster|-sentinel)?://.+",
            message = "must be a redis://, rediss://, redis-cluster://, rediss-cluster://, redis-sentinel:// or"
                    + " rediss-sentinel:// URL")
    @JsonProperty
    public String url = "redis://127.0.0.1:6379";

    @NotBlank
    @JsonProperty
    public String keyPrefix = "hookline:";

    /** Every API server and worker of an installation should use the same number; a change strands nothing. */
    @Min(1)
    @Max(DeliveryQueue.MAX_SHARDS)
    @JsonProperty
    public int queueShards = DeliveryQueue.DEFAULT_SHARDS;

    public UnifiedJedis build() {
        RedisUrl parsed;
        try {
            parsed = RedisUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("HOOKLINE_REDIS_URL: " + e.getMessage());
        }
        return parsed.connect();
    }
}
