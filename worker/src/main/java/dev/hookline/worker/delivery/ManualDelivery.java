package dev.hookline.worker.delivery;

import dev.hookline.core.attempts.AttemptRow;
import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.security.SecretBox;
import dev.hookline.worker.WorkerSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;

/**
 * One attempt made on request (a resend) rather than from the queue: signed and sent exactly like a scheduled
 * delivery, through the same SSRF-guarded client, but on the caller's thread and never retried. The caller
 * records the attempt.
 */
public final class ManualDelivery {
    private final HttpDispatcher dispatcher;
    private final Signer signer;
    private final WorkerSettings settings;
    private final Clock clock;

    public ManualDelivery(HttpClient client, SecretBox secretBox, WorkerSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.dispatcher = new HttpDispatcher(client, settings.requestTimeout(), settings.maxResponseBodyBytes());
        this.signer = new Signer(secretBox);
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** The attempt that was made, ready for the log once its number is known. */
    public record Sent(DeliveryJob job, Instant sentAt, String requestHeadersJson, AttemptResult result) {
        public AttemptRow row(String deliveryId, int attemptNumber) {
            return result.row(job, deliveryId, attemptNumber, "manual", sentAt, requestHeadersJson);
        }
    }

    /** Sends {@code job} now and waits for the answer (at most the request timeout). */
    public Sent send(DeliveryJob job) throws InterruptedException {
        Instant sentAt = clock.instant();
        Map<String, String> headers;
        try {
            headers = WebhookHeaders.build(job, signer, sentAt.getEpochSecond());
        } catch (RuntimeException e) {
            return new Sent(job, sentAt, null, AttemptResult.noAnswer("signing_failed: " + e.getMessage()));
        }
        AttemptResult result;
        try {
            result = dispatcher
                    .post(job.url(), headers, job.payload())
                    .get(settings.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            result = AttemptResult.noAnswer(HttpDispatcher.classify(e));
        }
        return new Sent(job, sentAt, WebhookHeaders.forLog(headers, settings.userAgent()), result);
    }
}
