package dev.hookline.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Plain HTTP against the test application, for what the SDK hides on purpose: exact status codes, error bodies,
 * content types and malformed requests.
 *
 * <pre>{@code
 * RawHttp.Response r = new RawHttp(app.baseUrl()).call("PATCH", "/v1/tenants/acme", TestApp.ADMIN_KEY, "{\"name\":\"\"}");
 * assertThat(r.status()).isEqualTo(400);
 * }</pre>
 */
public final class RawHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;

    public RawHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One answer: its status, body and headers. */
    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The field names of an error body's details, in order. */
        public java.util.List<String> fields() {
            java.util.List<String> fields = new java.util.ArrayList<>();
            json().path("details").forEach(d -> fields.add(d.path("field").asText()));
            return fields;
        }
    }

    /** A JSON request ({@code body} may be null for none). */
    public Response call(String method, String path, String key, String body) {
        return call(method, path, key, body, "application/json");
    }

    public Response call(String method, String path, String key, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (!closedBeforeAnswering(e)) {
                    throw e;
                }
                // The pooled connection ended before any answer: about one run in eight, the connection a 415 or
                // 413 was answered on (its request body left unread, which Jetty does not keep a connection open
                // after) was closed just as the next request went out on it. The JDK client never resends a POST
                // by itself; to a client this is a connection failure (the SDK retries those), so send it again.
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            }
            return new Response(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Not one byte of an answer came back before the connection ended. */
    private static boolean closedBeforeAnswering(IOException e) {
        return String.valueOf(e.getMessage()).contains("header parser received no bytes");
    }

    public String baseUrl() {
        return baseUrl;
    }
}
