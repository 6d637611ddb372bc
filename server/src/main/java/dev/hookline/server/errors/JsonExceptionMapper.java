package dev.hookline.server.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.hookline.sdk.model.ErrorBody;
import dev.hookline.server.validation.JsonLimits;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.stream.Collectors;

/** Malformed JSON, wrong types and unknown fields: a 400 naming the field, never Jackson's internals. */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit) { // databind wraps it with the field's path
                String at = e instanceof JsonMappingException m ? path(m) : "";
                return new ApiExceptionMapper().toResponse(JsonLimits.refusal(limit, at.isEmpty() ? "body" : at));
            }
        }
        if (e instanceof JsonParseException) {
            return ErrorResponses.of(400, "invalid_json", "the body is not valid JSON");
        }
        String field = e instanceof JsonMappingException m ? path(m) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            field = field.isEmpty() ? u.getPropertyName() : field;
            message = "unknown field";
        } else if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException) {
            message = "has the wrong type";
        } else {
            message = "could not be read";
        }
        if (field.isEmpty()) {
            return ErrorResponses.of(400, "invalid_json", "the body does not have the expected shape");
        }
        return ErrorResponses.of(
                400, "validation_failed", field + ": " + message, List.of(new ErrorBody.FieldError(field, message)));
    }

    static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                .collect(Collectors.joining("."));
    }
}
