package dev.hookline.worker.delivery;

import dev.hookline.core.ratelimit.TokenBucket;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Fairness between endpoints: at most {@code perEndpointInFlight} requests to one endpoint at a time, and no more
 * than its {@code rateLimit} per second (a {@link TokenBucket} of that burst, holding one token when the endpoint's
 * lane opens, so its first request goes at once). Work for an endpoint at its limit waits in that endpoint's own
 * line, so other endpoints go on at full speed; a line longer than {@code maxWaiting} is handed to
 * {@code overflow} (parked for later) so one dead endpoint cannot hold the worker's memory or slots. A request's
 * place is freed when the stage {@code send} answered for it completes.
 */
public final class EndpointGate {
    private final int perEndpointInFlight;
    private final int maxWaiting;
    private final Function<DeliveryTask, ? extends CompletionStage<?>> send;
    private final Consumer<DeliveryTask> overflow;
    private final ScheduledExecutorService timer;
    private final Map<String, Lane> lanes = new HashMap<>();
    private boolean closed;

    public EndpointGate(
            int perEndpointInFlight,
            int maxWaiting,
            Function<DeliveryTask, ? extends CompletionStage<?>> send,
            Consumer<DeliveryTask> overflow,
            ScheduledExecutorService timer) {
        this.perEndpointInFlight = perEndpointInFlight;
        this.maxWaiting = maxWaiting;
        this.send = send;
        this.overflow = overflow;
        this.timer = timer;
    }

    public void submit(DeliveryTask task) {
        DeliveryTask toSend = null;
        DeliveryTask toPark = null;
        synchronized (this) {
            Lane lane = lanes.computeIfAbsent(task.job().endpointId(), id -> new Lane());
            lane.rate(task.job().rateLimit());
            if (closed) {
                toPark = task;
            } else if (lane.waiting.isEmpty() && lane.inFlight < perEndpointInFlight && lane.takeToken()) {
                lane.inFlight++;
                toSend = task;
            } else if (lane.waiting.size() >= maxWaiting) {
                toPark = task;
            } else {
                lane.waiting.add(task);
                scheduleWakeUp(task.job().endpointId(), lane);
            }
        }
        if (toSend != null) {
            start(toSend);
        }
        if (toPark != null) {
            overflow.accept(toPark);
        }
    }

    private void start(DeliveryTask task) {
        String endpointId = task.job().endpointId();
        CompletionStage<?> attempt;
        try {
            attempt = send.apply(task);
        } catch (RuntimeException e) {
            done(endpointId);
            throw e;
        }
        attempt.whenComplete((result, failure) -> done(endpointId));
    }

    /** A request to {@code endpointId} finished: frees its place and starts whatever may go next. */
    private void done(String endpointId) {
        synchronized (this) {
            Lane lane = lanes.get(endpointId);
            if (lane != null) {
                lane.inFlight--;
            }
        }
        drain(endpointId);
    }

    /** Takes out what waits for an endpoint that was just disabled, so none of it is sent. */
    public synchronized java.util.List<DeliveryTask> discard(String endpointId) {
        Lane lane = lanes.get(endpointId);
        if (lane == null) {
            return java.util.List.of();
        }
        java.util.List<DeliveryTask> out = new java.util.ArrayList<>(lane.waiting);
        lane.waiting.clear();
        return out;
    }

    /**
     * Shutdown: from now on nothing more is sent (requests in flight finish), and what arrives is handed to
     * {@code overflow}; answers what was waiting, to be handed back.
     */
    public synchronized java.util.List<DeliveryTask> close() {
        closed = true;
        return drainWaiting();
    }

    /** Tasks waiting in every lane. */
    public synchronized java.util.List<DeliveryTask> drainWaiting() {
        java.util.List<DeliveryTask> all = new java.util.ArrayList<>();
        for (Lane lane : lanes.values()) {
            all.addAll(lane.waiting);
            lane.waiting.clear();
        }
        return all;
    }

    public synchronized int waiting() {
        return lanes.values().stream().mapToInt(l -> l.waiting.size()).sum();
    }

    private void drain(String endpointId) {
        while (true) {
            DeliveryTask next;
            synchronized (this) {
                Lane lane = lanes.get(endpointId);
                if (lane == null) {
                    return;
                }
                if (closed || lane.waiting.isEmpty()) {
                    if (lane.inFlight == 0) {
                        lanes.remove(endpointId);
                    }
                    return;
                }
                if (lane.inFlight >= perEndpointInFlight) {
                    return;
                }
                if (!lane.takeToken()) {
                    scheduleWakeUp(endpointId, lane);
                    return;
                }
                next = lane.waiting.poll();
                lane.inFlight++;
            }
            start(next);
        }
    }

    private void scheduleWakeUp(String endpointId, Lane lane) {
        if (lane.rateLimit == null || lane.wakeUpScheduled) {
            return;
        }
        lane.wakeUpScheduled = true;
        long delayMicros = Math.max(1000, (long) (1_000_000.0 / lane.rateLimit));
        timer.schedule(
                () -> {
                    synchronized (this) {
                        lane.wakeUpScheduled = false;
                    }
                    drain(endpointId);
                },
                delayMicros,
                TimeUnit.MICROSECONDS);
    }

    private static final class Lane {
        final ArrayDeque<DeliveryTask> waiting = new ArrayDeque<>();
        int inFlight;
        Integer rateLimit; // null: no limit
        TokenBucket bucket; // made with the first limit, kept if the limit is lifted and set again
        boolean wakeUpScheduled;

        void rate(Integer perSecond) {
            if (perSecond == null || perSecond <= 0) {
                rateLimit = null;
            } else if (!perSecond.equals(rateLimit)) {
                rateLimit = perSecond;
                if (bucket == null) {
                    bucket = new TokenBucket(perSecond, perSecond, 1, System.nanoTime());
                } else {
                    bucket.limit(perSecond, perSecond);
                }
            }
        }

        boolean takeToken() {
            return rateLimit == null || bucket.tryTake(System.nanoTime()) == 0;
        }
    }
}
