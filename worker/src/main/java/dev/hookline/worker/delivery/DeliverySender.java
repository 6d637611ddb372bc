package dev.hookline.worker.delivery;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.worker.WorkerSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One attempt, once the {@link EndpointGate} lets a task go: signs it, POSTs it, decides the outcome
 * ({@link OutcomePolicy}) and hands the attempt to the {@link AttemptRecorder}.
 */
public final class DeliverySender {
    private final HttpDispatcher dispatcher;
    private final Signer signer;
    private final OutcomePolicy policy;
    private final AttemptRecorder recorder;
    private final String userAgent;
    private final Clock clock;
    private final Timer attemptLatency;

    public DeliverySender(
            HttpDispatcher dispatcher,
            Signer signer,
            AttemptRecorder recorder,
            WorkerSettings settings,
            Clock clock,
            MetricRegistry metrics) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher == null");
        this.signer = Objects.requireNonNull(signer, "signer == null");
        this.recorder = Objects.requireNonNull(recorder, "recorder == null");
        this.policy = new OutcomePolicy(settings.retrySchedule());
        this.userAgent = settings.userAgent();
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.attemptLatency = metrics.timer("hookline.attempts.latency");
    }

    /** Makes the attempt; the stage completes when it is over and its outcome is with the recorder. */
    public CompletionStage<Void> send(DeliveryTask task) {
        DeliveryJob job = task.job();
        Instant sentAt = clock.instant();
        Map<String, String> headers;
        try {
            headers = WebhookHeaders.build(job, signer, sentAt.getEpochSecond());
        } catch (RuntimeException e) {
            finish(task, sentAt, null, AttemptResult.noAnswer("signing_failed: " + e.getMessage()));
            return CompletableFuture.completedFuture(null);
        }
        return dispatcher.post(job.url(), headers, job.payload()).handle((result, failure) -> {
            finish(
                    task,
                    sentAt,
                    headers,
                    failure == null ? result : AttemptResult.noAnswer(HttpDispatcher.classify(failure)));
            return null;
        });
    }

    private void finish(DeliveryTask task, Instant sentAt, Map<String, String> headers, AttemptResult result) {
        DeliveryJob job = task.job();
        attemptLatency.update(result.durationMs(), TimeUnit.MILLISECONDS);
        OutcomePolicy.Decision decision = policy.decide(job, result, clock.instant());
        recorder.recordAttempt(
                task,
                result.row(
                        job,
                        job.deliveryId(),
                        job.attemptNumber(),
                        "scheduled",
                        sentAt,
                        headers == null ? null : WebhookHeaders.forLog(headers, userAgent)),
                decision);
    }
}
