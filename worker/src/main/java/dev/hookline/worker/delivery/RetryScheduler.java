package dev.hookline.worker.delivery;

import dev.hookline.core.queue.DeliveryQueue;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves retries whose time has come from the delayed sets onto the streams, every 100 ms: one pipelined Lua script
 * per shard, up to {@value #BATCH} retries each, and again at once while a shard had more.
 */
public final class RetryScheduler implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RetryScheduler.class);
    private static final int BATCH = 1000;

    private final DeliveryQueue queue;
    private final Clock clock;

    public RetryScheduler(DeliveryQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            int moved;
            do {
                moved = queue.moveDue(clock.millis(), BATCH);
            } while (moved >= BATCH);
        } catch (RuntimeException e) {
            LOG.warn("could not move due retries: {}", e.toString());
        }
    }
}
