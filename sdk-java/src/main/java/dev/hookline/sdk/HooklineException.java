package dev.hookline.sdk;

import java.time.Duration;

/**
 * The root of every failure of a {@link HooklineClient} call. Unchecked: most callers let it propagate, and those
 * who care catch the subclass they can act on.
 *
 * <pre>{@code
 * try {
 *     client.endpoints().get("tnt_1", "ep_missing");
 * } catch (NotFoundException e) {
 *     // gone, or belongs to another tenant
 * } catch (HooklineException e) {
 *     log.warn("Hookline said {} {} (request {})", e.statusCode(), e.errorCode(), e.requestId());
 * }
 * }</pre>
 *
 * Subclasses by HTTP status: {@link AuthenticationException} 401, {@link NotFoundException} 404,
 * {@link ValidationException} 400/422, {@link ConflictException} 409, {@link RateLimitException} 429,
 * {@link InvalidRequestException} any other 4xx, {@link ServerException} 5xx, and {@link ConnectionException} when no
 * answer arrived at all. Messages never contain the API key.
 */
public class HooklineException extends RuntimeException {
    private final int statusCode;
    private final String errorCode;
    private final String errorMessage;
    private final String requestId;
    private final Duration retryAfter;

    /**
     * @param statusCode   the HTTP status, or 0 when there was no answer
     * @param errorCode    the stable machine-readable code of the error body, such as {@code not_found}
     * @param errorMessage the human-readable message of the error body
     * @param requestId    the {@code X-Request-Id} of the answer, or null
     */
    public HooklineException(int statusCode, String errorCode, String errorMessage, String requestId) {
        this(statusCode, errorCode, errorMessage, requestId, null, null);
    }

    /** As above, with the {@code cause}: for example the parse error of an unreadable answer. */
    public HooklineException(int statusCode, String errorCode, String errorMessage, String requestId, Throwable cause) {
        this(statusCode, errorCode, errorMessage, requestId, null, cause);
    }

    HooklineException(
            int statusCode,
            String errorCode,
            String errorMessage,
            String requestId,
            Duration retryAfter,
            Throwable cause) {
        super(describe(statusCode, errorCode, errorMessage, requestId), cause);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
    }

    private static String describe(int statusCode, String errorCode, String errorMessage, String requestId) {
        StringBuilder s = new StringBuilder();
        if (statusCode > 0) {
            s.append("HTTP ").append(statusCode).append(' ');
        }
        s.append(errorCode).append(": ").append(errorMessage);
        if (requestId != null) {
            s.append(" (request ").append(requestId).append(')');
        }
        return s.toString();
    }

    /** The HTTP status of the answer, or 0 when no answer arrived. */
    public int statusCode() {
        return statusCode;
    }

    /** The stable machine-readable code, such as {@code validation_failed} or {@code not_found}. */
    public String errorCode() {
        return errorCode;
    }

    /** The server's human-readable message, without the status and request id that {@link #getMessage()} adds. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The {@code X-Request-Id} of the answer, to quote when asking the operator; null when absent. */
    public String requestId() {
        return requestId;
    }

    /** The server's {@code Retry-After} hint, or null; set on some 429 and 503 answers. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
