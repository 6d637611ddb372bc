package dev.hookline.server.errors;

import dev.hookline.sdk.model.ErrorBody;
import java.util.List;

/**
 * A failure with an HTTP status and a stable error code, thrown by services and turned into the error body by
 * {@link ApiExceptionMapper}. Messages are written for API users and never contain secrets.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient List<ErrorBody.FieldError> details;

    public ApiException(int status, String code, String message, List<ErrorBody.FieldError> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<ErrorBody.FieldError> details() {
        return details;
    }

    public ErrorBody body() {
        return new ErrorBody(status, code, getMessage(), details);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found", List.of());
    }

    public static ApiException conflict(String message, String field) {
        return new ApiException(
                409,
                "conflict",
                message,
                field == null ? List.of() : List.of(new ErrorBody.FieldError(field, message)));
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(
                400, "validation_failed", field + ": " + message, List.of(new ErrorBody.FieldError(field, message)));
    }

    public static ApiException invalid(List<ErrorBody.FieldError> details) {
        String summary = details.isEmpty()
                ? "invalid request"
                : details.get(0).field() + ": " + details.get(0).message()
                        + (details.size() > 1 ? " (and " + (details.size() - 1) + " more)" : "");
        return new ApiException(400, "validation_failed", summary, details);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, List.of());
    }

    public static ApiException tooLarge(String field, String message) {
        return new ApiException(
                413, "payload_too_large", field + ": " + message, List.of(new ErrorBody.FieldError(field, message)));
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message, List.of());
    }
}
