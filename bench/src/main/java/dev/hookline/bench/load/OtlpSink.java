package dev.hookline.bench.load;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for an OpenTelemetry collector on loopback, for measuring tracing's cost ({@code bench/run.sh
 * --tracing}): it takes OTLP/HTTP exports ({@code POST /v1/traces}), counts requests and bytes, and answers 200 with
 * an empty response, which an exporter takes as success. It keeps nothing.
 */
public final class OtlpSink {
    private OtlpSink() {}

    /** Serves on 127.0.0.1:{@code port} until the process is stopped; prints what it took when it is. */
    public static void serve(int port) throws IOException {
        AtomicLong requests = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                bytes.addAndGet(body.transferTo(java.io.OutputStream.nullOutputStream()));
            }
            requests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> System.out.printf("otlp-sink: %d exports, %d bytes%n", requests.get(), bytes.get())));
        server.start();
        System.out.println("otlp-sink: listening on 127.0.0.1:" + port);
    }
}
