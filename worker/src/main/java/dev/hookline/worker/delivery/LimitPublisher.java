package dev.hookline.worker.delivery;

import dev.hookline.core.queue.EndpointLimits;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the {@link EndpointGate}'s current limits ({@link EndpointLimits}) for the endpoint stats, once a second
 * from a timer, so no request waits on it: the limits that changed, the others every
 * {@value EndpointLimits#REFRESH_SECONDS} s, and takes out its own values of lanes the gate has forgotten. A Redis
 * failure leaves its bookkeeping as it was, so the next run tries again.
 */
public final class LimitPublisher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LimitPublisher.class);

    private final EndpointGate gate;
    private final EndpointLimits limits;
    private final Clock clock;
    private final Map<String, Published> published = new HashMap<>();
    private boolean failing;

    private record Published(int limit, String value, long atMillis) {}

    public LimitPublisher(EndpointGate gate, EndpointLimits limits, Clock clock) {
        this.gate = Objects.requireNonNull(gate, "gate == null");
        this.limits = Objects.requireNonNull(limits, "limits == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public synchronized void run() {
        long now = clock.millis();
        Map<String, Integer> current = gate.limits();
        Map<String, Published> changed = new HashMap<>();
        current.forEach((endpointId, limit) -> {
            Published last = published.get(endpointId);
            if (last == null
                    || last.limit() != limit
                    || now - last.atMillis() >= EndpointLimits.REFRESH_SECONDS * 1000) {
                changed.put(endpointId, new Published(limit, EndpointLimits.value(limit, now), now));
            }
        });
        Map<String, String> gone = new HashMap<>();
        published.forEach((endpointId, last) -> {
            if (!current.containsKey(endpointId)) {
                gone.put(endpointId, last.value());
            }
        });
        try {
            Map<String, String> values = new HashMap<>();
            changed.forEach((endpointId, p) -> values.put(endpointId, p.value()));
            limits.publish(values);
            limits.forget(gone);
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("could not publish endpoint limits (tried again every second): {}", e.toString());
                failing = true;
            }
            return;
        }
        failing = false;
        published.putAll(changed);
        published.keySet().removeAll(gone.keySet());
    }

    /** Takes out every value this worker published and still owns: it is stopping, its lanes with it. */
    public synchronized void forgetAll() {
        Map<String, String> mine = new HashMap<>();
        published.forEach((endpointId, last) -> mine.put(endpointId, last.value()));
        try {
            limits.forget(mine);
            published.clear();
        } catch (RuntimeException e) {
            LOG.warn("could not take out endpoint limits on stopping (they go stale): {}", e.toString());
        }
    }
}
