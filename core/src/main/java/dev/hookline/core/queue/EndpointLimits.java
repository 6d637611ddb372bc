package dev.hookline.core.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * Each endpoint's current in-flight limit, as the delivery workers publish it for the API's endpoint stats: one Redis
 * hash, {@code <prefix>endpoint-limits}, field = endpoint id, value = {@code "<limit> <published at, epoch ms>"}.
 * <p>
 * With several workers, each has its own limit for an endpoint (a receiver may see up to their sum) and the latest
 * published wins: one number per endpoint, read with one {@code HGET}. A worker publishes its changed limits every
 * second and the unchanged ones every {@value #REFRESH_SECONDS} s, so a value older than {@value #STALE_SECONDS} s
 * belongs to no live lane (its worker stopped or died) and reads as unknown. A worker that forgets an idle lane takes
 * its value out only if it is still its own ({@link #forget}), so it never removes another worker's newer one; a
 * stale value left by a dead worker is taken out by the next read that finds it.
 */
public final class EndpointLimits {
    /** How often a worker publishes a limit that has not changed. */
    public static final long REFRESH_SECONDS = 10;
    /** A value older than this is nobody's. */
    public static final long STALE_SECONDS = 3 * REFRESH_SECONDS;

    /** Deletes each field (ARGV odd) whose value is still the one given (ARGV even). */
    private static final String FORGET = """
            local n = 0
            for i = 1, #ARGV, 2 do
              if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
                n = n + redis.call('HDEL', KEYS[1], ARGV[i])
              end
            end
            return n
            """;

    private final UnifiedJedis redis;
    private final String key;

    public EndpointLimits(UnifiedJedis redis, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis == null");
        this.key = Objects.requireNonNull(keyPrefix, "keyPrefix == null") + "endpoint-limits";
    }

    /** The hash's key. */
    public String key() {
        return key;
    }

    /** The value {@link #publish} writes for {@code limit} at {@code nowMillis}. */
    public static String value(int limit, long nowMillis) {
        return limit + " " + nowMillis;
    }

    /** Writes {@code values} (endpoint id to a {@link #value}) in one command. */
    public void publish(Map<String, String> values) {
        if (!values.isEmpty()) {
            redis.hset(key, values);
        }
    }

    /** Takes out each endpoint's value (endpoint id to a {@link #value}) if it is still the one given. */
    public void forget(Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(values.size() * 2);
        values.forEach((endpointId, value) -> {
            args.add(endpointId);
            args.add(value);
        });
        redis.eval(FORGET, List.of(key), args);
    }

    /** The endpoint's limit as last published, or null when no live worker has one. */
    public Integer current(String endpointId, long nowMillis) {
        String value = redis.hget(key, endpointId);
        if (value == null) {
            return null;
        }
        int space = value.indexOf(' ');
        try {
            int limit = Integer.parseInt(value.substring(0, space));
            long publishedAt = Long.parseLong(value.substring(space + 1));
            if (nowMillis - publishedAt <= STALE_SECONDS * 1000) {
                return limit;
            }
        } catch (RuntimeException unreadable) {
            // not a value this class wrote: as good as stale
        }
        forget(Map.of(endpointId, value));
        return null;
    }

    /** Every endpoint's value as stored, stale ones included (for tests and operators). */
    public Map<String, String> all() {
        return new HashMap<>(redis.hgetAll(key));
    }
}
