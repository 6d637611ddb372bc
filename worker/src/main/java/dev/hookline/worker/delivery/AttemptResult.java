package dev.hookline.worker.delivery;

import java.time.Duration;

/**
 * What came back from one HTTP attempt. {@code statusCode} is null when no HTTP answer arrived; {@code error} then
 * holds the failure class ({@code timeout}, {@code connection_refused}, {@code dns}, {@code tls},
 * {@code ssrf_blocked}, {@code io}) and a short detail.
 */
public record AttemptResult(Integer statusCode, String responseBody, boolean responseBodyBase64, long durationMs,
                            String error, Duration retryAfter) {

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public boolean blockedBySsrfGuard() {
        return error != null && error.startsWith(ErrorClass.SSRF_BLOCKED);
    }

    /** The failure classes recorded for attempts that got no HTTP answer. */
    public static final class ErrorClass {
        public static final String TIMEOUT = "timeout";
        public static final String CONNECTION_REFUSED = "connection_refused";
        public static final String DNS = "dns";
        public static final String TLS = "tls";
        public static final String SSRF_BLOCKED = "ssrf_blocked";
        public static final String BODY_TOO_LARGE = "response_too_large";
        public static final String IO = "io";

        private ErrorClass() {
        }
    }
}
