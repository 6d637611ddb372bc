package dev.hookline.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every 4xx and 5xx answer. {@code error} is a stable machine-readable code.
 *
 * <pre>{@code
 * {"code":422,"error":"validation_failed","message":"1 field is invalid",
 *  "details":[{"field":"url","message":"must be an absolute https URL"}]}
 * }</pre>
 */
public record ErrorBody(int code, String error, String message, List<FieldError> details) {
    public ErrorBody {
        details = details == null ? List.of() : List.copyOf(details);
    }

    /**
     * One invalid field: {@code field} is a JSON path such as {@code headers.X-Foo}; inside a payload, schema or
     * example it goes on as a JSON pointer ({@code payload/items/0/price}). {@code rule} is the JSON Schema keyword a
     * payload or schema failed ({@code minimum}, {@code required}, …), absent for other errors.
     * Example: {@code e.details().get(0).field()}.
     */
    public record FieldError(
            String field,
            String message,
            @JsonInclude(JsonInclude.Include.NON_NULL) String rule) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }
}
