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
import java.util.function.LongSupplier;

/**
 * Fairness between endpoints: at most its current {@link AdaptiveLimit} of requests to one endpoint at a time, and
 * no more than its {@code rateLimit} per second (a {@link TokenBucket} of that burst, holding one token when the
 * endpoint's lane opens, so its first request goes at once). Work for an endpoint at its limit waits in that
 * endpoint's own line, so other endpoints go on at full speed; a line longer than four times the limit (counting a
 * limit below {@value AdaptiveLimit#INITIAL} as that, so an endpoint cut to 1 does not send most of its work back
 * to Redis every second), and never longer than {@code maxWaiting}, is handed to {@code overflow} (parked for later),
 * so one dead endpoint cannot hold the worker's memory or slots.
 * <p>
 * A request's place is freed when the stage {@code send} answered for it completes; the {@link AttemptResult} it
 * completes with (null for none) and the time it took teach the lane's limit. The limit's ceiling is
 * {@code ceiling}, or the endpoint's own {@code maxInFlight} when that is lower. A lane idle for
 * {@value #IDLE_SECONDS} s is forgotten, its limit with it.
 */
public final class EndpointGate {
    static final long IDLE_SECONDS = 60;
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(IDLE_SECONDS);

    private final int ceiling;
    private final int maxWaiting;
    private final Function<DeliveryTask, ? extends CompletionStage<AttemptResult>> send;
    private final Consumer<DeliveryTask> overflow;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;
    private final Map<String, Lane> lanes = new HashMap<>();
    private boolean closed;

    /**
     * @param ceiling    the most requests any one endpoint may have in flight
     * @param maxWaiting the longest any endpoint's line may be
     */
    public EndpointGate(
            int ceiling,
            int maxWaiting,
            Function<DeliveryTask, ? extends CompletionStage<AttemptResult>> send,
            Consumer<DeliveryTask> overflow,
            ScheduledExecutorService timer) {
        this(ceiling, maxWaiting, send, overflow, timer, System::nanoTime);
    }

    /** @param nanoTime the clock that times each attempt, {@link System#nanoTime()} but in tests */
    public EndpointGate(
            int ceiling,
            int maxWaiting,
            Function<DeliveryTask, ? extends CompletionStage<AttemptResult>> send,
            Consumer<DeliveryTask> overflow,
            ScheduledExecutorService timer,
            LongSupplier nanoTime) {
        if (ceiling < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("ceiling must be positive and maxWaiting not negative");
        }
        this.ceiling = ceiling;
        this.maxWaiting = maxWaiting;
        this.send = send;
        this.overflow = overflow;
        this.timer = timer;
        this.nanoTime = nanoTime;
    }

    public void submit(DeliveryTask task) {
        DeliveryTask toSend = null;
        DeliveryTask toPark = null;
        synchronized (this) {
            int laneCeiling = ceilingOf(task);
            Lane lane = lanes.computeIfAbsent(task.job().endpointId(), id -> new Lane(laneCeiling));
            lane.rate(task.job().rateLimit());
            lane.limit.ceiling(laneCeiling);
            lane.lastActiveNanos = nanoTime.getAsLong();
            if (closed) {
                toPark = task;
            } else if (lane.waiting.isEmpty() && lane.inFlight < lane.limit.limit() && lane.takeToken()) {
                lane.inFlight++;
                toSend = task;
            } else if (lane.waiting.size() >= longestLine(lane)) {
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

    private int ceilingOf(DeliveryTask task) {
        Integer own = task.job().maxInFlight();
        return own == null || own < 1 ? ceiling : Math.min(ceiling, own);
    }

    private int longestLine(Lane lane) {
        return (int) Math.min(maxWaiting, 4L * Math.max(lane.limit.limit(), AdaptiveLimit.INITIAL));
    }

    private void start(DeliveryTask task) {
        String endpointId = task.job().endpointId();
        long startNanos = nanoTime.getAsLong();
        CompletionStage<AttemptResult> attempt;
        try {
            attempt = send.apply(task);
        } catch (RuntimeException e) {
            done(endpointId, null, startNanos);
            throw e;
        }
        attempt.whenComplete((result, failure) -> done(endpointId, result, startNanos));
    }

    /**
     * A request to {@code endpointId} sent at {@code startNanos} finished with {@code result} (null: none): teaches
     * the lane's limit, frees its place and starts whatever may go next.
     */
    private void done(String endpointId, AttemptResult result, long startNanos) {
        synchronized (this) {
            Lane lane = lanes.get(endpointId);
            if (lane != null) {
                long now = nanoTime.getAsLong();
                lane.limit.onSample(AdaptiveLimit.signal(result), startNanos, now, lane.inFlight);
                lane.lastActiveNanos = now;
                lane.inFlight--;
            }
        }
        drain(endpointId);
    }

    /** The current limit of the lane of {@code endpointId}; 0 when it has none. */
    public synchronized int limit(String endpointId) {
        Lane lane = lanes.get(endpointId);
        return lane == null ? 0 : lane.limit.limit();
    }

    /**
     * The current limit of every lane (endpoint id to limit), after forgetting the lanes idle for
     * {@value #IDLE_SECONDS} s.
     */
    public synchronized Map<String, Integer> limits() {
        long now = nanoTime.getAsLong();
        lanes.values()
                .removeIf(lane -> lane.inFlight == 0
                        && lane.waiting.isEmpty()
                        && !lane.wakeUpScheduled
                        && now - lane.lastActiveNanos >= IDLE_NANOS);
        Map<String, Integer> out = new HashMap<>(lanes.size() * 2);
        lanes.forEach((id, lane) -> out.put(id, lane.limit.limit()));
        return out;
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
                    return; // the lane, and what its limit learnt, stays until limits() finds it idle
                }
                if (lane.inFlight >= lane.limit.limit()) {
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
        final AdaptiveLimit limit;
        long lastActiveNanos;
        int inFlight;
        Integer rateLimit; // null: no limit
        TokenBucket bucket; // made with the first limit, kept if the limit is lifted and set again
        boolean wakeUpScheduled;

        Lane(int ceiling) {
            this.limit = new AdaptiveLimit(ceiling);
        }

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
