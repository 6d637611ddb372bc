package dev.hookline.worker.delivery;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.worker.WorkerSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The scheduled path of an attempt, once the {@link EndpointGate} lets a task go: the {@link AttemptMaker} makes it,
 * the {@link OutcomePolicy} decides the delivery's next state, and both go to the {@link AttemptRecorder}, without
 * the sender waiting for the answer.
 */
public final class DeliverySender {
    private final AttemptMaker attempts;
    private final OutcomePolicy policy;
    private final AttemptRecorder recorder;
    private final Clock clock;
    private final Timer attemptLatency;
    private final DeliveryMetrics deliveryMetrics;
    private final AttemptMaker.Handler<DeliveryTask, AttemptResult> record = this::record;

    public DeliverySender(
            AttemptMaker attempts,
            AttemptRecorder recorder,
            WorkerSettings settings,
            Clock clock,
            MetricRegistry metrics,
            DeliveryMetrics deliveryMetrics) {
        this.attempts = Objects.requireNonNull(attempts, "attempts == null");
        this.recorder = Objects.requireNonNull(recorder, "recorder == null");
        this.policy = new OutcomePolicy(settings.retrySchedule());
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.attemptLatency = metrics.timer("hookline.attempts.latency");
        this.deliveryMetrics = Objects.requireNonNull(deliveryMetrics, "deliveryMetrics == null");
    }

    /**
     * Makes the attempt; the stage completes with its result (for the {@link EndpointGate}'s limit) when it is over
     * and its outcome is with the recorder.
     */
    public CompletionStage<AttemptResult> send(DeliveryTask task) {
        Instant sentAt = clock.instant();
        task.trace().httpStarted(sentAt, task.job().url());
        return attempts.make(task.job(), sentAt, task.trace().outgoingTraceparent(), task, record);
    }

    private AttemptResult record(DeliveryTask task, Instant sentAt, String requestHeadersJson, AttemptResult result) {
        DeliveryJob job = task.job();
        attemptLatency.update(result.durationMs(), TimeUnit.MILLISECONDS);
        Instant finished = clock.instant();
        OutcomePolicy.Decision decision = policy.decide(job, result, finished);
        task.trace().httpFinished(finished, result.statusCode(), DeliveryMetrics.errorClass(result));
        deliveryMetrics.attempt(
                job.attemptNumber(),
                result,
                decision.outcome().status(),
                Duration.between(job.messageCreatedAt(), sentAt));
        recorder.recordAttempt(
                task,
                result.row(job, job.deliveryId(), job.attemptNumber(), "scheduled", sentAt, requestHeadersJson),
                decision);
        return result;
    }
}
