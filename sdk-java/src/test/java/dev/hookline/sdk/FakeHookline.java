package dev.hookline.sdk;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted stand-in for the Hookline API on 127.0.0.1: answers queued responses in order (404 when none is left)
 * and records every request it received.
 */
final class FakeHookline implements AutoCloseable {
    record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    FakeHookline() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Recorded(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            Answer answer = answers.poll();
            if (answer == null) {
                answer = new Answer(
                        404, Map.of(), "{\"code\":404,\"error\":\"not_found\",\"message\":\"nothing scripted\"}");
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (!answer.headers().containsKey("Content-Type") && bytes.length > 0) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeHookline answer(int status, String body) {
        return answer(status, Map.of(), body);
    }

    FakeHookline answer(int status, Map<String, String> headers, String body) {
        answers.add(new Answer(status, headers, body));
        return this;
    }

    List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    Recorded lastRequest() {
        return requests.get(requests.size() - 1);
    }

    /** A client on this server that records its backoff delays in {@code sleeps} instead of sleeping. */
    HooklineClient client(List<Duration> sleeps) {
        return HooklineClient.builder()
                .baseUrl(url())
                .apiKey("sk_test_key")
                .sleeper(sleeps::add)
                .build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
