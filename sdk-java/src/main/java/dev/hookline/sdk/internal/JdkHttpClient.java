package dev.hookline.sdk.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Feign {@link Client} on {@link java.net.http.HttpClient}. Feign's default client uses HttpURLConnection, which
 * refuses the PATCH method our API needs; this one adds no dependency. Internal: not part of the public API.
 */
public final class JdkHttpClient implements Client {
    // java.net.http sets these itself and throws if a caller does (Feign adds Content-Length).
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final HttpClient http;

    public JdkHttpClient(Duration connectTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect of an API call is a misconfigured base URL
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance on plain http
                .build();
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(Duration.ofMillis(options.readTimeoutMillis()))
                .method(request.httpMethod().name(), body);
        for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling " + request.httpMethod() + " " + request.url());
        }
        Map<String, Collection<String>> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                headers.put(name, List.copyOf(values));
            }
        });
        return Response.builder()
                .status(response.statusCode())
                .reason("")
                .headers(headers)
                .body(response.body())
                .request(request)
                .build();
    }
}
