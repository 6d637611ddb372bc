package dev.hookline.server.cache;

import io.dropwizard.lifecycle.Managed;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>A change is done only when every server has forgotten: each server that clears its cache for a change says so
 * on a second channel, and the server that published waits (up to {@value #CONFIRM_MILLIS} ms) until as many have
 * confirmed as {@code PUBLISH} reached. So a key or session revoked on one server is refused by every other from the
 * next request the revoking client makes, not a few milliseconds later. (On a Redis Cluster, {@code PUBLISH} counts
 * only the receivers on its own node: the wait covers those, and the others forget as the message reaches them.)
 */
public class CacheSync implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(CacheSync.class);
    public static final int PING_SECONDS = 3;
    static final int CONFIRM_MILLIS = 1_000;

    private final UnifiedJedis redis;
    private final String channel;
    private final String confirmations;
    private final String name;
    private final BroadcastCache cache;
    private volatile boolean running;
    private volatile JedisPubSub subscription;
    private final Map<String, AtomicLong> awaitingConfirmation = new ConcurrentHashMap<>();
    private Thread thread;
    private ScheduledExecutorService pinger;

    /**
     * @param channel the Redis channel, the same on every server
     * @param name    what the cache is called in logs and thread names, e.g. "auth-cache"
     */
    protected CacheSync(UnifiedJedis redis, String channel, String name, BroadcastCache cache) {
        this.redis = Objects.requireNonNull(redis, "redis == null");
        this.channel = Objects.requireNonNull(channel, "channel == null");
        this.confirmations = channel + ":forgotten";
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

    /** Has every subscribed server forget, and waits until they have (or {@value #CONFIRM_MILLIS} ms pass). */
    private void publish() {
        String change = UUID.randomUUID().toString();
        AtomicLong confirmed = new AtomicLong();
        awaitingConfirmation.put(change, confirmed);
        try {
            long reached = redis.publish(channel, change);
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONFIRM_MILLIS);
            synchronized (confirmed) {
                long left;
                while (confirmed.get() < reached && (left = until - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(confirmed, left);
                }
            }
            if (confirmed.get() < reached) {
                LOG.warn(
                        "a {} change reached {} servers and {} confirmed within {} ms",
                        name,
                        reached,
                        confirmed.get(),
                        CONFIRM_MILLIS);
            }
        } catch (RuntimeException e) {
            // Every other server's subscription is on the same Redis, so they have stopped trusting their caches too.
            LOG.warn("could not broadcast a {} change: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            awaitingConfirmation.remove(change);
        }
    }

    /** A change published by some server: forget, then tell that server. */
    private void forget(String change) {
        cache.forgetLocally();
        try {
            redis.publish(confirmations, change);
        } catch (RuntimeException e) {
            LOG.debug("could not confirm a {} change: {}", name, e.toString());
        }
    }

    /** A server confirmed a change: if it is one of ours, count it. */
    private void confirmed(String change) {
        AtomicLong confirmed = awaitingConfirmation.get(change);
        if (confirmed != null) {
            synchronized (confirmed) {
                confirmed.incrementAndGet();
                confirmed.notifyAll();
            }
        }
    }

    private void listen() {
        while (running) {
            try {
                JedisPubSub pubSub = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String ch, int count) {
                        if (count == 2) { // both channels: changes are heard and confirmations counted
                            cache.trusted(true);
                        }
                    }

                    @Override
                    public void onMessage(String ch, String message) {
                        if (ch.equals(channel)) {
                            forget(message);
                        } else {
                            confirmed(message);
                        }
                    }
                };
                subscription = pubSub;
                redis.subscribe(pubSub, channel, confirmations);
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
