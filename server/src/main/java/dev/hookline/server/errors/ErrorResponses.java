package dev.hookline.server.errors;

import dev.hookline.sdk.model.ErrorBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The error body for statuses that do not come from an {@link ApiException}. */
public final class ErrorResponses {
    private ErrorResponses() {}

    public static Response of(int status, String code, String message) {
        return of(status, code, message, List.of());
    }

    public static Response of(int status, String code, String message, List<ErrorBody.FieldError> details) {
        return builder(status, code, message, details).build();
    }

    /** For answers that need headers beside the body ({@code Retry-After}, {@code WWW-Authenticate}). */
    public static Response.ResponseBuilder builder(
            int status, String code, String message, List<ErrorBody.FieldError> details) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, code, message, details));
    }

    /** The code of a plain HTTP status, e.g. 415 → {@code unsupported_media_type}. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 414 -> "uri_too_long";
            case 429 -> "rate_limited";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "error";
        };
    }
}
