package dev.hookline.worker.delivery;

import dev.hookline.core.attempts.AttemptRow;
import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.security.SecretBox;
import dev.hookline.worker.WorkerSettings;
import dev.hookline.worker.delivery.AttemptResult.ErrorClass;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;

/**
 * An attempt made on request (a resend, a test send) rather than from the queue: made by the same {@link AttemptMaker} as a
 * scheduled delivery, through the same SSRF-guarded client, but the caller waits for it, and it is never retried.
 * The caller records it.
 */
public final class ManualDelivery {
    private static final AttemptMaker.Handler<DeliveryJob, Sent> SENT = Sent::new;

    private final AttemptMaker attempts;
    private final long waitMillis;
    private final Clock clock;

    public ManualDelivery(HttpClient client, SecretBox secretBox, WorkerSettings settings, Clock clock) {
        this.attempts = new AttemptMaker(client, secretBox, settings);
        this.waitMillis = settings.requestTimeout().toMillis() + 5_000;
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /**
     * The attempt that was made, ready for the log once its number is known; {@code requestHeadersJson} is null when
     * no request was built.
     */
    public record Sent(DeliveryJob job, Instant sentAt, String requestHeadersJson, AttemptResult result) {
        public AttemptRow row(String deliveryId, int attemptNumber) {
            return row(deliveryId, attemptNumber, "manual");
        }

        /** The row with its {@code trigger}: {@code manual} for a resend, {@code test} for a test send. */
        public AttemptRow row(String deliveryId, int attemptNumber, String trigger) {
            return result.row(job, deliveryId, attemptNumber, trigger, sentAt, requestHeadersJson);
        }
    }

    /**
     * Sends {@code job} now and waits for the answer: at most the request timeout, which the HTTP client enforces,
     * and 5 s more before it counts as a {@code timeout} regardless.
     */
    public Sent send(DeliveryJob job) throws InterruptedException {
        Instant sentAt = clock.instant();
        try {
            return attempts.make(job, sentAt, job, SENT).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Sent(job, sentAt, null, AttemptResult.noAnswer(ErrorClass.TIMEOUT));
        } catch (ExecutionException e) {
            throw new IllegalStateException("making a manual attempt failed", e.getCause());
        }
    }
}
