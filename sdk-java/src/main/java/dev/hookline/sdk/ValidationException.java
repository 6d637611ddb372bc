package dev.hookline.sdk;

import dev.hookline.sdk.model.ErrorBody;
import java.util.List;

/**
 * 400 or 422: the request is invalid; {@link #details()} names each offending field. Retrying will not help.
 *
 * <pre>{@code
 * try {
 *     client.endpoints().create("tnt_1", EndpointIn.builder("not a url").build());
 * } catch (ValidationException e) {
 *     e.details().forEach(d -> System.err.println(d.field() + ": " + d.message()));   // url: must be an absolute http(s) URL
 * }
 * }</pre>
 */
public final class ValidationException extends HooklineException {
    private final List<ErrorBody.FieldError> details;

    public ValidationException(
            int statusCode,
            String errorCode,
            String errorMessage,
            String requestId,
            List<ErrorBody.FieldError> details) {
        super(statusCode, errorCode, errorMessage, requestId);
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    /** One entry per invalid field; empty when the server named none (for example unreadable JSON). */
    public List<ErrorBody.FieldError> details() {
        return details;
    }
}
