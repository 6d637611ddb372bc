package dev.hookline.server.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.sdk.model.ErrorBody;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers, for requests that never reach Jersey (headers over {@code requestHeaderSize} → 431, an
 * unparseable request line → 400, a URI too long → 414): the same error body as every other 4xx/5xx instead of
 * Jetty's HTML page. The reason Jetty gives is not echoed, since it can quote the request.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpField JSON_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON_TYPE);
        return ByteBuffer.wrap(body(status));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() <= 0 ? HttpStatus.INTERNAL_SERVER_ERROR_500 : response.getStatus();
        response.getHeaders().put(JSON_TYPE);
        response.write(true, ByteBuffer.wrap(body(status)), callback);
        return true;
    }

    static byte[] body(int status) {
        String message = switch (status) {
            case 431 -> "the request headers are too large";
            case 414 -> "the request URI is too long";
            case 400 -> "the request is not valid HTTP";
            default -> HttpStatus.getMessage(status);
        };
        try {
            return JSON.writeValueAsBytes(new ErrorBody(status, ErrorResponses.codeFor(status), message, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
