package dev.hookline.server.cache;

import io.dropwizard.lifecycle.Managed;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Keeps a {@link BroadcastCache} honest on every API server: a change that must be seen at once is published on a
 * Redis channel, and every server clears its cache when the message arrives. While this server is not subscribed
 * (Redis away, reconnecting) its cache is not used at all, so there is no window in which a stale answer is given.
 *
 * <p>The subscription is pinged every {@value #PING_SECONDS} s: a connection that stays silent longer than the
 * client's read timeout for blocking commands (10 s, {@code RedisUrl}) is taken for dead and the cache distrusted
 * until a new subscription is up, so a half-open connection cannot leave changes unheard. On a Redis Cluster the
 * channel is an ordinary one: the cluster passes every {@code PUBLISH} to every node, so the subscription may sit
 * on any of them.
 */
public class CacheSync implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(CacheSync.class);
    public static final int PING_SECONDS = 3;

    private final UnifiedJedis redis;
    private final String channel;
    private final String name;
    private final BroadcastCache cache;
    private volatile boolean running;
    private volatile JedisPubSub subscription;
    private Thread thread;
    private ScheduledExecutorService pinger;

    /**
     * @param channel the Redis channel, the same on every server
     * @param name    what the cache is called in logs and thread names, e.g. "auth-cache"
     */
    protected CacheSync(UnifiedJedis redis, String channel, String name, BroadcastCache cache) {
        this.redis = Objects.requireNonNull(redis, "redis == null");
        this.channel = Objects.requireNonNull(channel, "channel == null");
        this.name = Objects.requireNonNull(name, "name == null");
        this.cache = Objects.requireNonNull(cache, "cache == null");
    }

    @Override
    public void start() {
        if (!cache.enabled()) {
            return;
        }
        cache.trusted(false);
        cache.broadcastWith(this::publish);
        running = true;
        thread = new Thread(this::listen, name + "-sync");
        thread.setDaemon(true);
        thread.start();
        pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-sync-ping");
            t.setDaemon(true);
            return t;
        });
        pinger.scheduleWithFixedDelay(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
    }

    private void ping() {
        JedisPubSub current = subscription;
        if (current != null && current.isSubscribed()) {
            try {
                current.ping();
            } catch (RuntimeException e) {
                // the listening thread sees the broken connection too, and resubscribes
                LOG.debug("{} subscription ping failed: {}", name, e.toString());
            }
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (pinger != null) {
            pinger.shutdownNow();
        }
        JedisPubSub current = subscription;
        if (current != null && current.isSubscribed()) {
            try {
                current.unsubscribe();
            } catch (RuntimeException e) {
                // Redis is gone already; the listening thread ends with the broken connection.
                LOG.debug("unsubscribe failed on stop: {}", e.toString());
            }
        }
        if (thread != null) {
            thread.interrupt();
            thread.join(2_000);
        }
    }

    private void publish() {
        try {
            redis.publish(channel, "forget");
        } catch (RuntimeException e) {
            // Every other server's subscription is on the same Redis, so they have stopped trusting their caches too.
            LOG.warn("could not broadcast a {} change: {}", name, e.toString());
        }
    }

    private void listen() {
        while (running) {
            try {
                JedisPubSub pubSub = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String ch, int count) {
                        cache.trusted(true);
                    }

                    @Override
                    public void onMessage(String ch, String message) {
                        cache.forgetLocally();
                    }
                };
                subscription = pubSub;
                redis.subscribe(pubSub, channel);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("{} broadcast channel lost, cache off until it is back: {}", name, e.toString());
                }
            } finally {
                cache.trusted(false);
            }
            if (running) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
