package dev.hookline.server.auth;

import dev.hookline.server.errors.ErrorResponses;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.Response;

/** A 401 in the error body, with the challenge header clients expect. */
public final class JsonUnauthorizedHandler implements UnauthorizedHandler {
    @Override
    public Response buildResponse(String prefix, String realm) {
        return ErrorResponses.builder(
                        401,
                        "unauthorized",
                        "send a valid API key as 'Authorization: Bearer <key>'",
                        java.util.List.of())
                .header("WWW-Authenticate", prefix + " realm=\"" + realm + "\"")
                .build();
    }
}
