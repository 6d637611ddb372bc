package dev.hookline.server.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ParamException;

/**
 * Jersey's own 404/405/406/415 and friends, in the error body instead of an HTML page. A query or header parameter
 * that cannot be converted ({@code ?limit=ten}) is Jersey's 404 by default; here it is the 400 naming the parameter.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        if (e instanceof ParamException p && !(e instanceof ParamException.PathParamException)) {
            return new ApiExceptionMapper()
                    .toResponse(ApiException.invalid(p.getParameterName(), "has the wrong type"));
        }
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 415 -> "send the body as application/json";
            case 406 -> "this API answers application/json only";
            default -> e.getMessage() == null ? "request failed" : e.getMessage();
        };
        Response.ResponseBuilder builder =
                ErrorResponses.builder(status, ErrorResponses.codeFor(status), message, java.util.List.of());
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            builder.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return builder.build();
    }
}
