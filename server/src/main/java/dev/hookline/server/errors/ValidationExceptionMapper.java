package dev.hookline.server.errors;

import dev.hookline.sdk.model.ErrorBody;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/** Bean-validation failures on query parameters and bodies: 400 with one detail per field. */
public final class ValidationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {
    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<ErrorBody.FieldError> details = e.getConstraintViolations().stream()
                .map(v -> new ErrorBody.FieldError(field(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(ErrorBody.FieldError::field))
                .toList();
        return new ApiExceptionMapper().toResponse(ApiException.invalid(details));
    }

    /** The last meaningful node: the query parameter or body field, not the Java method name. */
    private static String field(ConstraintViolation<?> v) {
        String last = "";
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PARAMETER
                    || node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                last = node.getName();
            }
        }
        return last.isEmpty() ? "body" : last;
    }
}
