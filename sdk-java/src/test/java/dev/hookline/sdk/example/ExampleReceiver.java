package dev.hookline.sdk.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hookline.sdk.Webhook;
import dev.hookline.sdk.WebhookVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A minimal webhook receiver on the JDK's HTTP server: verify first, then dedupe on {@code webhook-id}, then handle.
 *
 * <pre>{@code
 * HOOKLINE_WEBHOOK_SECRET=whsec_... java dev.hookline.sdk.example.ExampleReceiver 8000
 * }</pre>
 *
 * It answers 400 for anything that fails verification (Hookline records it and retries, which will not help a
 * forged request but does recover from a misconfigured secret once fixed), 413 for an oversized body and 204 for
 * accepted deliveries, including a repeated delivery of a message it already handled.
 */
public final class ExampleReceiver implements AutoCloseable {
    private static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final Webhook webhook;
    private final BiConsumer<String, String> handler;
    // In production this is a table or a Redis key with a TTL of a few days, not an in-memory set.
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /**
     * @param handler receives the {@code webhook-id} and the raw JSON body of each new, genuine delivery
     */
    public ExampleReceiver(InetSocketAddress address, Webhook webhook, BiConsumer<String, String> handler)
            throws IOException {
        this.webhook = webhook;
        this.handler = handler;
        this.server = HttpServer.create(address, 0);
        server.createContext("/webhooks", this::receive);
    }

    public static void main(String[] args) throws IOException {
        String secret = System.getenv("HOOKLINE_WEBHOOK_SECRET");
        if (secret == null) {
            System.err.println("set HOOKLINE_WEBHOOK_SECRET to the endpoint's whsec_ secret (or whpk_ public key)");
            System.exit(2);
        }
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        ExampleReceiver receiver = new ExampleReceiver(
                new InetSocketAddress(port), new Webhook(secret), (id, body) -> System.out.println(id + " " + body));
        receiver.start();
        System.out.println("listening on http://localhost:" + receiver.port() + "/webhooks");
    }

    public ExampleReceiver start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            // Verify the raw bytes exactly as received: parsing and re-serialising the JSON would change them.
            Map<String, List<String>> headers = exchange.getRequestHeaders();
            try {
                webhook.verify(body, headers);
            } catch (WebhookVerificationException e) {
                byte[] reason = e.getMessage().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(400, reason.length);
                exchange.getResponseBody().write(reason);
                return;
            }
            String id = exchange.getRequestHeaders().getFirst(Webhook.HEADER_ID);
            if (seen.add(id)) { // a retry of a message already handled is acknowledged, not processed twice
                handler.accept(id, new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
