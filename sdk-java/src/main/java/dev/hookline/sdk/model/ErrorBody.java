package dev.hookline.sdk.model;

import java.util.List;

/** The body of every 4xx and 5xx answer. {@code error} is a stable machine-readable code. */
public record ErrorBody(int code, String error, String message, List<FieldError> details) {
    public ErrorBody {
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** One invalid field: {@code field} is a JSON path such as {@code headers.X-Foo}. */
    public record FieldError(String field, String message) {
    }
}
