package dev.hookline.worker.delivery;

import dev.hookline.core.attempts.AttemptRow;
import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.ids.Ids;
import java.time.Duration;
import java.time.Instant;

/**
 * What came back from one HTTP attempt. {@code statusCode} is null when no HTTP answer arrived; {@code error} then
 * holds the failure class ({@link ErrorClass}) and, for some, a short detail. An answer whose body was cut off
 * has both.
 */
public record AttemptResult(
        Integer statusCode,
        String responseBody,
        boolean responseBodyBase64,
        long durationMs,
        String error,
        Duration retryAfter) {

    /** An attempt that got no HTTP answer, or was never sent: {@code error} says why. */
    public static AttemptResult noAnswer(String error) {
        return new AttemptResult(null, null, false, 0, error, null);
    }

    /**
     * This result as a new row of the attempt log, for a scheduled or a manual attempt ({@code trigger}) of
     * {@code job} sent at {@code sentAt}; {@code requestHeadersJson} is null when no request was built.
     */
    public AttemptRow row(
            DeliveryJob job,
            String deliveryId,
            int attemptNumber,
            String trigger,
            Instant sentAt,
            String requestHeadersJson) {
        return new AttemptRow(
                Ids.next(Ids.ATTEMPT),
                job.tenantId(),
                job.messageId(),
                job.endpointId(),
                deliveryId,
                job.eventType(),
                attemptNumber,
                trigger,
                job.url(),
                succeeded() ? "succeeded" : "failed",
                statusCode,
                responseBody,
                responseBodyBase64,
                (int) Math.min(Integer.MAX_VALUE, durationMs),
                error,
                sentAt,
                requestHeadersJson);
    }

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public boolean blockedBySsrfGuard() {
        return error != null && error.startsWith(ErrorClass.SSRF_BLOCKED);
    }

    /** The failure classes recorded for attempts that got no HTTP answer, or not all of it. */
    public static final class ErrorClass {
        public static final String TIMEOUT = "timeout";
        public static final String CONNECTION_REFUSED = "connection_refused";
        public static final String DNS = "dns";
        public static final String TLS = "tls";
        public static final String SSRF_BLOCKED = "ssrf_blocked";
        public static final String BODY_TOO_LARGE = "response_too_large";
        public static final String IO = "io";
        /** The endpoint has no secret that can sign, so nothing was sent. */
        public static final String SIGNING_FAILED = "signing_failed";

        private ErrorClass() {}
    }
}
