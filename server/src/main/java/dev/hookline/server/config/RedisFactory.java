package dev.hookline.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Where Redis is, and the prefix of every key Hookline writes there (several installations can share one). */
public class RedisFactory {
    @NotBlank
    @Pattern(regexp = "rediss?://.+", message = "must be a redis:// or rediss:// URL")
    @JsonProperty
    public String url = "redis://127.0.0.1:6379";

    @NotBlank
    @JsonProperty
    public String keyPrefix = "hookline:";

    public UnifiedJedis build() {
        return RedisClient.create(URI.create(url));
    }
}
