package dev.hookline.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP receiver on 127.0.0.1 that records every request (headers and exact body bytes) and answers as a
 * test tells it: a fixed status, a scripted sequence of statuses, a delay. Tests assert on what arrived.
 */
public final class TestReceiver implements AutoCloseable {

    /** One request as it arrived. Header names are lower-case. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body, Instant at) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What to answer: status, optional headers and body, and how long to wait first. */
    public record Answer(int status, Map<String, String> headers, byte[] body, Duration delay) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), new byte[0], Duration.ZERO);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> h = new TreeMap<>(headers);
            h.put(name, value);
            return new Answer(status, h, body, delay);
        }

        public Answer withBody(byte[] body) {
            return new Answer(status, headers, body, delay);
        }

        public Answer after(Duration delay) {
            return new Answer(status, headers, body, delay);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Function<Received, Answer> fallback = r -> Answer.status(200);

    private TestReceiver(HttpServer server) {
        this.server = server;
    }

    public static TestReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
            TestReceiver receiver = new TestReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "test-receiver");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers the next requests with these, in order; after them, the fallback. */
    public TestReceiver thenAnswer(Answer... answers) {
        Collections.addAll(script, answers);
        return this;
    }

    public TestReceiver otherwiseAnswer(Function<Received, Answer> fallback) {
        this.fallback = fallback;
        return this;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> receivedOn(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public void reset() {
        received.clear();
        script.clear();
        fallback = r -> Answer.status(200);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Received r = new Received(exchange.getRequestURI().getPath(), headers, body, Instant.now());
            received.add(r);
            Answer answer = script.poll();
            if (answer == null) {
                answer = fallback.apply(r);
            }
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
