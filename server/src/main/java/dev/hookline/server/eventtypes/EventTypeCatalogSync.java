package dev.hookline.server.eventtypes;

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
 * Keeps every API server's {@link EventTypeCatalog} current, as {@code AuthCacheSync} keeps the auth cache: a
 * change to the catalogue is published on a Redis channel, every server forgets its compiled schemas when the
 * message arrives, and while this server is not subscribed (Redis away, reconnecting, a silent connection found
 * by the ping) it does not use what it remembers at all.
 */
public final class EventTypeCatalogSync implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(EventTypeCatalogSync.class);
    static final int PING_SECONDS = 3;

    private final UnifiedJedis redis;
    private final String channel;
    private final EventTypeCatalog catalog;
    private volatile boolean running;
    private volatile JedisPubSub subscription;
    private Thread thread;
    private ScheduledExecutorService pinger;

    public EventTypeCatalogSync(UnifiedJedis redis, String keyPrefix, EventTypeCatalog catalog) {
        this.redis = Objects.requireNonNull(redis, "redis == null");
        this.channel = Objects.requireNonNull(keyPrefix, "keyPrefix == null") + "event-types-changed";
        this.catalog = Objects.requireNonNull(catalog, "catalog == null");
    }

    @Override
    public void start() {
        catalog.trusted(false);
        catalog.broadcastWith(this::publish);
        running = true;
        thread = new Thread(this::listen, "event-type-catalog-sync");
        thread.setDaemon(true);
        thread.start();
        pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-type-catalog-sync-ping");
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
                LOG.debug("event-type catalogue subscription ping failed: {}", e.toString());
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
            redis.publish(channel, "changed");
        } catch (RuntimeException e) {
            // The other servers' subscriptions are on the same Redis: they have stopped trusting their catalogues too.
            LOG.warn("could not broadcast an event-type change: {}", e.toString());
        }
    }

    private void listen() {
        while (running) {
            try {
                JedisPubSub pubSub = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String ch, int count) {
                        catalog.trusted(true);
                    }

                    @Override
                    public void onMessage(String ch, String message) {
                        catalog.forgetLocally();
                    }
                };
                subscription = pubSub;
                redis.subscribe(pubSub, channel);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn(
                            "event-type broadcast channel lost, catalogue read per send until it is back: {}",
                            e.toString());
                }
            } finally {
                catalog.trusted(false);
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
